<?php
// Test driver: one JSON request per stdin line, one JSON answer per stdout line, through web/licensing/verify.php.
require __DIR__ . '/../../../web/licensing/verify.php';

while (($line = fgets(STDIN)) !== false) {
    $q = json_decode($line, true);
    try {
        if ($q['kind'] === 'key') {
            $claims = HelpdeskLicense::verifyKey($q['token'], $q['keys'], $q['product'], $q['domain']);
            $claims['offline_state'] = HelpdeskLicense::offlineState($claims, $q['now'] ?? null);
        } elseif ($q['kind'] === 'update') {
            $claims = HelpdeskLicense::verifyUpdate($q['token'], $q['keys'], $q['nonce'], $q['domain'] ?? null, $q['now']);
        } else {
            $claims = HelpdeskLicense::verifyResponse($q['token'], $q['keys'], $q['nonce'], $q['domain'] ?? null, $q['now']);
        }
        echo json_encode(array('ok' => true, 'claims' => $claims)), "\n";
    } catch (HelpdeskLicenseError $e) {
        echo json_encode(array('ok' => false, 'error' => $e->getMessage())), "\n";
    }
}
