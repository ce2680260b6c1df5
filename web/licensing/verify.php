<?php
/**
 * Helpdesk license verifier for PHP modules (PHP 7.2+ with the sodium extension, bundled since 7.2).
 *
 * Checks a license key offline and a signed answer of the online validation API, byte for byte the same
 * checks as the reference verifier helpdesk/domain/license_verify.py. Format: docs/licensing.md.
 *
 *   $keys = ['<key id>' => '<base64 public key>'];            // from `helpdesk license pubkey`
 *   $claims = HelpdeskLicense::verifyKey($key, $keys, 'seo-pro', $_SERVER['HTTP_HOST']);
 *   $answer = HelpdeskLicense::verifyResponse($token, $keys, $nonceISent, $_SERVER['HTTP_HOST']);
 *   $update = HelpdeskLicense::verifyUpdate($token, $keys, $nonceISent, $_SERVER['HTTP_HOST']);  // update check
 */

class HelpdeskLicenseError extends Exception
{
}

final class HelpdeskLicense
{
    const KEY_PREFIX = 'HDL1.';
    const RESPONSE_PREFIX = 'HDR1.';
    const KEY_CONTEXT = "helpdesk-license-v1\x00";
    const RESPONSE_CONTEXT = "helpdesk-license-response-v1\x00";
    const UPDATE_PREFIX = 'HDU1.';
    const UPDATE_CONTEXT = "helpdesk-update-v1\x00";
    const FORMAT_VERSION = 1;
    const RESPONSE_MAX_AGE = 300;
    const EXPIRING_DAYS = 30;
    const GRACE_DAYS = 14;

    /** @return array claims: key_id, license_id, serial, product, edition, customer_id, domains, issued, expires, updates_until */
    public static function verifyKey($token, array $publicKeys, $product = null, $domain = null)
    {
        $r = self::open(trim((string) $token), self::KEY_PREFIX, self::KEY_CONTEXT, $publicKeys);
        $c = array('key_id' => $r->keyId);
        $c['license_id'] = $r->text();
        $c['serial'] = $r->u32();
        $c['product'] = $r->text();
        $c['edition'] = $r->text();
        $c['customer_id'] = $r->text();
        $c['domains'] = array();
        for ($n = $r->u8(); $n > 0; $n--) {
            $c['domains'][] = $r->text();
        }
        $c['issued'] = $r->u32();
        $c['expires'] = $r->u32();
        $c['updates_until'] = $r->u32();
        $r->end();
        if ($product !== null && $c['product'] !== $product) {
            throw new HelpdeskLicenseError('key is for another product');
        }
        if ($domain !== null && !self::hostCovered($domain, $c['domains'])) {
            throw new HelpdeskLicenseError('key is not for this domain');
        }
        return $c;
    }

    /** @return array claims: key_id, license_id, product, domain, result, state, reason, expires, updates_until, timestamp, nonce */
    public static function verifyResponse($token, array $publicKeys, $nonce = null, $domain = null, $now = null, $maxAge = self::RESPONSE_MAX_AGE)
    {
        $r = self::open(trim((string) $token), self::RESPONSE_PREFIX, self::RESPONSE_CONTEXT, $publicKeys);
        $c = array('key_id' => $r->keyId);
        foreach (array('license_id', 'product', 'domain', 'result', 'state', 'reason') as $name) {
            $c[$name] = $r->text();
        }
        $c['expires'] = $r->u32();
        $c['updates_until'] = $r->u32();
        $c['timestamp'] = $r->u32();
        $c['nonce'] = $r->text();
        $r->end();
        self::checkFresh($c, $nonce, $domain, $now, $maxAge);
        return $c;
    }

    /**
     * The signed answer of POST /public/updates/check: result 'update' (download_url set), 'current' or 'invalid'.
     * @return array claims: key_id, license_id, product, domain, result, reason, current_version, version,
     *               download_url, updates_until, timestamp, nonce
     */
    public static function verifyUpdate($token, array $publicKeys, $nonce = null, $domain = null, $now = null, $maxAge = self::RESPONSE_MAX_AGE)
    {
        $r = self::open(trim((string) $token), self::UPDATE_PREFIX, self::UPDATE_CONTEXT, $publicKeys);
        $c = array('key_id' => $r->keyId);
        foreach (array('license_id', 'product', 'domain', 'result', 'reason', 'current_version', 'version', 'download_url') as $name) {
            $c[$name] = $r->text();
        }
        $c['updates_until'] = $r->u32();
        $c['timestamp'] = $r->u32();
        $c['nonce'] = $r->text();
        $r->end();
        self::checkFresh($c, $nonce, $domain, $now, $maxAge);
        return $c;
    }

    private static function checkFresh(array $c, $nonce, $domain, $now, $maxAge)
    {
        $age = ($now === null ? time() : $now) - $c['timestamp'];
        if ($age > $maxAge || $age < -$maxAge) {
            throw new HelpdeskLicenseError('response is stale or from the future');
        }
        if ($nonce !== null && !hash_equals((string) $nonce, $c['nonce'])) {
            throw new HelpdeskLicenseError('response answers another request');
        }
        if ($domain !== null && self::normaliseHost($domain) !== $c['domain']) {
            throw new HelpdeskLicenseError('response is for another domain');
        }
    }

    /** What a module can tell without asking: 'active', 'expiring', 'grace' or 'expired' (revocation needs the API). */
    public static function offlineState(array $claims, $now = null)
    {
        if ($claims['expires'] === 0) {
            return 'active';
        }
        $left = $claims['expires'] - ($now === null ? time() : $now);
        if ($left > self::EXPIRING_DAYS * 86400) {
            return 'active';
        }
        if ($left > 0) {
            return 'expiring';
        }
        return $left > -self::GRACE_DAYS * 86400 ? 'grace' : 'expired';
    }

    public static function normaliseHost($value)
    {
        $host = rtrim(strtolower(trim((string) $value)), '.');
        $at = strpos($host, '://');
        if ($at !== false) {
            $host = substr($host, $at + 3);
        }
        $host = explode(':', explode('/', $host, 2)[0], 2)[0];
        return substr($host, 0, 4) === 'www.' ? (string) substr($host, 4) : $host;
    }

    public static function hostCovered($host, array $domains)
    {
        $host = self::normaliseHost($host);
        if ($host === '') {
            return false;
        }
        foreach ($domains as $d) {
            $tail = '.' . $d;
            if ($host === $d || (strlen($host) >= strlen($tail) && substr($host, -strlen($tail)) === $tail)) {
                return true;
            }
        }
        return false;
    }

    private static function open($token, $prefix, $context, array $publicKeys)
    {
        if (strncmp($token, $prefix, strlen($prefix)) !== 0) {
            throw new HelpdeskLicenseError('unknown token format');
        }
        $text = substr($token, strlen($prefix));
        $blob = base64_decode(strtr($text, '-_', '+/'), true);
        // Re-encoding rejects stray low bits and padding that decoders silently accept.
        if ($blob === false || rtrim(strtr(base64_encode($blob), '+/', '-_'), '=') !== $text) {
            throw new HelpdeskLicenseError('not canonical base64url');
        }
        if (strlen($blob) <= SODIUM_CRYPTO_SIGN_BYTES) {
            throw new HelpdeskLicenseError('token too short');
        }
        $payload = substr($blob, 0, -SODIUM_CRYPTO_SIGN_BYTES);
        $signature = substr($blob, -SODIUM_CRYPTO_SIGN_BYTES);
        $r = new HelpdeskLicenseReader($payload);
        if ($r->u8() !== self::FORMAT_VERSION) {
            throw new HelpdeskLicenseError('unsupported format version');
        }
        $r->keyId = $r->text();
        if (!isset($publicKeys[$r->keyId])) {
            throw new HelpdeskLicenseError('signed by an unknown key');
        }
        $public = $publicKeys[$r->keyId];
        if (strlen($public) !== SODIUM_CRYPTO_SIGN_PUBLICKEYBYTES) {
            $public = base64_decode(strtr($public, '-_', '+/'), true);
        }
        if ($public === false || strlen($public) !== SODIUM_CRYPTO_SIGN_PUBLICKEYBYTES) {
            throw new HelpdeskLicenseError('public key is not 32 bytes');
        }
        if (!sodium_crypto_sign_verify_detached($signature, $context . $payload, $public)) {
            throw new HelpdeskLicenseError('bad signature');
        }
        return $r;
    }
}

final class HelpdeskLicenseReader
{
    public $keyId = '';
    private $data;
    private $pos = 0;

    public function __construct($data)
    {
        $this->data = $data;
    }

    public function take($size)
    {
        if ($this->pos + $size > strlen($this->data)) {
            throw new HelpdeskLicenseError('truncated payload');
        }
        $chunk = (string) substr($this->data, $this->pos, $size);
        $this->pos += $size;
        return $chunk;
    }

    public function u8()
    {
        return ord($this->take(1));
    }

    public function u32()
    {
        $v = unpack('N', $this->take(4));
        return $v[1];
    }

    public function text()
    {
        $size = unpack('n', $this->take(2));
        $text = $this->take($size[1]);
        if (!preg_match('//u', $text)) {
            throw new HelpdeskLicenseError('payload text is not UTF-8');
        }
        return $text;
    }

    public function end()
    {
        if ($this->pos !== strlen($this->data)) {
            throw new HelpdeskLicenseError('trailing bytes after payload');
        }
    }
}
