<?php
/**
 * Helpdesk licensing client for PHP modules: validate, activate and check for updates over the public API,
 * trusting an answer only after verify.php has checked its signature, our nonce and our host.
 *
 *   $client = new HelpdeskLicenseClient('https://shop.example.com/api', $keys);  // keys: `helpdesk license pubkey`
 *   $answer = $client->activate($key, 'seo-pro', $_SERVER['HTTP_HOST']);         // claims; result 'valid'?
 *   $update = $client->checkForUpdates($key, $_SERVER['HTTP_HOST'], '1.0');       // result 'update'? download_url
 *
 * The transport is a callable (url, JSON body) -> response body; the default uses cURL, else PHP streams.
 */

require_once __DIR__ . '/verify.php';

final class HelpdeskLicenseClient
{
    private $api;
    private $keys;
    private $transport;
    private $newNonce;

    public function __construct($apiBase, array $publicKeys, $transport = null, $newNonce = null)
    {
        $this->api = rtrim((string) $apiBase, '/');
        $this->keys = $publicKeys;
        $this->transport = $transport ?: array(__CLASS__, 'post');
        $this->newNonce = $newNonce ?: function () {
            return bin2hex(random_bytes(12));
        };
    }

    public function validate($key, $product, $domain)
    {
        return $this->licenseCall('/licenses/validate', $key, $product, $domain);
    }

    public function activate($key, $product, $domain)
    {
        return $this->licenseCall('/licenses/activate', $key, $product, $domain);
    }

    /** @return array the verified claims plus 'changelog' (unsigned, for display only) */
    public function checkForUpdates($key, $domain, $currentVersion)
    {
        $nonce = call_user_func($this->newNonce);
        $body = array('license_key' => $key, 'domain' => $domain, 'current_version' => $currentVersion, 'nonce' => $nonce);
        $answer = $this->call('/updates/check', $body);
        $claims = HelpdeskLicense::verifyUpdate($answer['token'], $this->keys, $nonce, $domain);
        $claims['changelog'] = isset($answer['changelog']) ? (string) $answer['changelog'] : '';
        return $claims;
    }

    private function licenseCall($path, $key, $product, $domain)
    {
        $nonce = call_user_func($this->newNonce);
        $answer = $this->call($path, array('key' => $key, 'product' => $product, 'domain' => $domain, 'nonce' => $nonce));
        return HelpdeskLicense::verifyResponse($answer['token'], $this->keys, $nonce, $domain);
    }

    private function call($path, array $body)
    {
        $text = call_user_func($this->transport, $this->api . $path, json_encode($body));
        $answer = json_decode((string) $text, true);
        if (!is_array($answer) || !isset($answer['token'])) {
            throw new HelpdeskLicenseError('the licensing API gave no signed answer');
        }
        return $answer;
    }

    public static function post($url, $json)
    {
        $headers = array('Content-Type: application/json');
        $host = (string) parse_url($url, PHP_URL_HOST);
        if (substr($host, -10) === '.localhost') {  // RFC 6761: loopback, as browsers resolve it (a local stack)
            $port = parse_url($url, PHP_URL_PORT);
            $headers[] = 'Host: ' . $host . ($port ? ':' . $port : '');
            $url = preg_replace('#^(https?://)[^/:]+#', '${1}127.0.0.1', $url);
        }
        if (function_exists('curl_init')) {
            $c = curl_init($url);
            curl_setopt_array($c, array(CURLOPT_POST => true, CURLOPT_POSTFIELDS => $json, CURLOPT_RETURNTRANSFER => true,
                CURLOPT_HTTPHEADER => $headers, CURLOPT_TIMEOUT => 15));
            $text = curl_exec($c);
            curl_close($c);
            return $text === false ? '' : $text;
        }
        $context = stream_context_create(array('http' => array('method' => 'POST', 'timeout' => 15,
            'header' => implode("\r\n", $headers) . "\r\n", 'content' => $json, 'ignore_errors' => true)));
        $text = @file_get_contents($url, false, $context);
        return $text === false ? '' : $text;
    }
}
