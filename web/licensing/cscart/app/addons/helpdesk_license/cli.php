<?php
// php cli.php <api url> <validate|activate|update-check> <license key> <domain> [current version]
// Prints the verified answer as JSON; exit 1 when the answer cannot be trusted. Keys: HELPDESK_LICENSE_KEYS.
require __DIR__ . '/func.php';

list(, $api, $action, $key, $domain) = array_pad($argv, 5, '');
$client = fn_helpdesk_license_client($api);
try {
    if ($action === 'update-check') {
        $answer = fn_helpdesk_license_update_check($key, $client, $domain, isset($argv[5]) ? $argv[5] : HELPDESK_LICENSE_VERSION);
    } elseif ($action === 'activate') {
        $answer = fn_helpdesk_license_activate($key, $client, $domain, getenv('HELPDESK_LICENSE_PRODUCT') ?: HELPDESK_LICENSE_PRODUCT);
    } else {
        $answer = fn_helpdesk_license_validate($key, $client, $domain, getenv('HELPDESK_LICENSE_PRODUCT') ?: HELPDESK_LICENSE_PRODUCT);
    }
    echo json_encode($answer), "\n";
} catch (HelpdeskLicenseError $e) {
    fwrite(STDERR, 'untrusted answer: ' . $e->getMessage() . "\n");
    exit(1);
}
