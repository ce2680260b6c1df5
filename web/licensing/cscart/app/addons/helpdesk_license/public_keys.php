<?php
// The store's public keys, as `helpdesk license pubkey` prints them (key id => base64). Packaging fills them in;
// HELPDESK_LICENSE_KEYS (JSON) overrides them for a CLI run against another stack.
function fn_helpdesk_license_public_keys()
{
    $given = getenv('HELPDESK_LICENSE_KEYS');
    return $given ? json_decode($given, true) : array();
}
