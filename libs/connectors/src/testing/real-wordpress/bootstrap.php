<?php
/**
 * Loads one throw-away WordPress from the command line and runs a script in it:
 * `php bootstrap.php <docroot> <url> <script.php>` with JSON on stdin ({ installing?, userId?, ... },
 * available to the script as $input). The script's return value is printed as JSON after a marker
 * line, so notices printed by WordPress or plugins never corrupt it.
 */
[, $docroot, $url, $script] = $argv;
define('ABSPATH', rtrim($docroot, '/') . '/');
$parts = parse_url($url);
$_SERVER['HTTP_HOST'] = $parts['host'] . (isset($parts['port']) ? ':' . $parts['port'] : '');
$_SERVER['SERVER_NAME'] = $parts['host'];
$_SERVER['SERVER_PORT'] = (string) ($parts['port'] ?? 80);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['REQUEST_METHOD'] = 'GET';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
$_SERVER['REMOTE_ADDR'] = '127.0.0.1';
$input = json_decode((string) stream_get_contents(STDIN), true);
if (!empty($input['installing'])) {
    define('WP_INSTALLING', true);
}
try {
    require ABSPATH . 'wp-load.php';
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    require_once ABSPATH . 'wp-admin/includes/plugin.php';
    require_once ABSPATH . 'wp-admin/includes/image.php';
    require_once ABSPATH . 'wp-admin/includes/post.php';
    if (!empty($input['userId'])) {
        wp_set_current_user((int) $input['userId']);
    }
    $result = require $script;
} catch (Throwable $e) {
    fwrite(STDERR, get_class($e) . ': ' . $e->getMessage() . "\n" . $e->getTraceAsString() . "\n");
    exit(2);
}
echo "\n@@RESULT@@\n", json_encode($result, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
