<?php
// CS-Cart loads this file for every request: register the hooks the add-on listens to.
if (!defined('BOOTSTRAP')) {
    die('Access denied');
}

fn_register_hooks('dispatch_before_display');
