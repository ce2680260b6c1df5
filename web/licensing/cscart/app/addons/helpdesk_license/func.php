<?php
/**
 * The add-on's licensing: activate once, validate daily (cached), and ask for updates. The verifier and client
 * come from web/licensing/ (copied into the add-on's lib/ folder when the module is packaged).
 */

if (!defined('BOOTSTRAP') && PHP_SAPI !== 'cli') {
    die('Access denied');
}

$helpdesk_lib = is_dir(__DIR__ . '/lib') ? __DIR__ . '/lib' : __DIR__ . '/../../../../';
require_once $helpdesk_lib . '/client.php';
require_once __DIR__ . '/public_keys.php';

const HELPDESK_LICENSE_PRODUCT = 'helpdesk-license-demo';
const HELPDESK_LICENSE_VERSION = '1.0';

/** The client for this shop: settings from CS-Cart's Registry, or given (a CLI run, a test). */
function fn_helpdesk_license_client($api_url = null, $transport = null)
{
    if ($api_url === null && class_exists('Tygh\Registry')) {
        $api_url = \Tygh\Registry::get('addons.helpdesk_license.api_url');
    }
    return new HelpdeskLicenseClient((string) $api_url, fn_helpdesk_license_public_keys(), $transport);
}

function fn_helpdesk_license_host()
{
    return isset($_SERVER['HTTP_HOST']) ? $_SERVER['HTTP_HOST'] : (string) gethostname();
}

/** Take an activation slot for this shop's domain; returns the verified answer's claims. */
function fn_helpdesk_license_activate($key, HelpdeskLicenseClient $client, $domain = null, $product = HELPDESK_LICENSE_PRODUCT)
{
    return $client->activate($key, $product, $domain ?: fn_helpdesk_license_host());
}

function fn_helpdesk_license_validate($key, HelpdeskLicenseClient $client, $domain = null, $product = HELPDESK_LICENSE_PRODUCT)
{
    return $client->validate($key, $product, $domain ?: fn_helpdesk_license_host());
}

/** The newest version this license may install, with its download URL when it is newer than ours. */
function fn_helpdesk_license_update_check($key, HelpdeskLicenseClient $client, $domain = null, $current = HELPDESK_LICENSE_VERSION)
{
    return $client->checkForUpdates($key, $domain ?: fn_helpdesk_license_host(), $current);
}

/** Hook: an admin page shows a notice when the license is not valid here (validated at most daily). */
function fn_helpdesk_license_dispatch_before_display()
{
    if (AREA !== 'A' || !class_exists('Tygh\Registry')) {
        return;
    }
    $cached = fn_get_storage_data('helpdesk_license_checked');
    if ($cached && $cached > TIME - 86400) {
        return;
    }
    $key = \Tygh\Registry::get('addons.helpdesk_license.license_key');
    try {
        $answer = fn_helpdesk_license_validate($key, fn_helpdesk_license_client());
        if ($answer['result'] === 'valid') {
            fn_set_storage_data('helpdesk_license_checked', TIME);
            return;
        }
        fn_set_notification('W', __('warning'), 'Helpdesk license: ' . $answer['reason']);
    } catch (HelpdeskLicenseError $e) {
        fn_set_notification('W', __('warning'), 'Helpdesk license could not be checked: ' . $e->getMessage());
    }
}
