<?php
// Test driver: the CS-Cart add-on's functions with a transport that answers from a table (path => JSON body).
// stdin: one JSON request {api, keys, nonce, answers, calls: [[action, key, domain, version?]]}; stdout: a JSON list.
require __DIR__ . '/../../../web/licensing/cscart/app/addons/helpdesk_license/func.php';

$q = json_decode(stream_get_contents(STDIN), true);
$sent = array();
$transport = function ($url, $json) use ($q, &$sent) {
    $sent[] = array('url' => $url, 'body' => json_decode($json, true));
    $path = substr($url, strlen(rtrim($q['api'], '/')));
    return isset($q['answers'][$path]) ? $q['answers'][$path] : '';
};
$client = new HelpdeskLicenseClient($q['api'], $q['keys'], $transport, function () use ($q) {
    return $q['nonce'];
});
$out = array();
foreach ($q['calls'] as $call) {
    list($action, $key, $domain) = $call;
    try {
        if ($action === 'update-check') {
            $claims = fn_helpdesk_license_update_check($key, $client, $domain, $call[3]);
        } elseif ($action === 'activate') {
            $claims = fn_helpdesk_license_activate($key, $client, $domain, 'seo-pro');
        } else {
            $claims = fn_helpdesk_license_validate($key, $client, $domain, 'seo-pro');
        }
        $out[] = array('ok' => true, 'claims' => $claims);
    } catch (HelpdeskLicenseError $e) {
        $out[] = array('ok' => false, 'error' => $e->getMessage());
    }
}
echo json_encode(array('results' => $out, 'sent' => $sent)), "\n";
