<?php
/**
 * Router for PHP's built-in server in front of one throw-away WordPress (see ../real-wordpress.ts).
 *
 * Defining ABSPATH here, before any WordPress file runs, is what lets several instances share
 * Debian's read-only core in /usr/share/wordpress: wp-load.php only sets ABSPATH when it is not
 * defined yet, so every entry point (index.php, wp-login.php, wp-admin/...) loads this instance's
 * own wp-config.php from its own docroot instead of Debian's, which picks
 * /etc/wordpress/config-<host>.php by host name WITHOUT the port and so cannot tell two instances
 * on 127.0.0.1 apart.
 *
 * It also injects outages (state/fault.json, written by the harness) and logs every request
 * (state/requests.log).
 */
$docroot = getenv('REAL_WP_DOCROOT');
$state = getenv('REAL_WP_STATE');
if (!$docroot || !$state) {
    http_response_code(500);
    echo 'REAL_WP_DOCROOT and REAL_WP_STATE must be set';
    return true;
}
define('ABSPATH', $docroot . '/');

$method = $_SERVER['REQUEST_METHOD'];
$uri = $_SERVER['REQUEST_URI'];
$isWrite = !in_array($method, ['GET', 'HEAD', 'OPTIONS'], true);

register_shutdown_function(function () use ($state, $method, $uri) {
    $line = json_encode(['method' => $method, 'uri' => $uri, 'status' => http_response_code()]) . "\n";
    file_put_contents($state . '/requests.log', $line, FILE_APPEND | LOCK_EX);
});

/**
 * fault.json: { "status": 503, "remaining": n (-1 = until cleared), "armed": bool }.
 * Not armed yet means "after the next write": the write itself is served, and the outage starts
 * once its response is complete (shutdown functions run before the built-in server ends the
 * response, so the client cannot send its next request before the fault is armed).
 */
$faultFile = $state . '/fault.json';
if (is_file($faultFile)) {
    $handle = fopen($faultFile, 'c+');
    if ($handle !== false) {
        flock($handle, LOCK_EX);
        $fault = json_decode((string) stream_get_contents($handle), true);
        $answer = null;
        if (is_array($fault)) {
            if (!empty($fault['armed'])) {
                $answer = (int) $fault['status'];
                $remaining = (int) $fault['remaining'];
                if ($remaining > 0) {
                    $fault['remaining'] = $remaining - 1;
                }
                $exhausted = $remaining === 1;
                ftruncate($handle, 0);
                rewind($handle);
                fwrite($handle, json_encode($fault));
                fflush($handle);
                if ($exhausted) {
                    unlink($faultFile);
                }
            } elseif ($isWrite) {
                register_shutdown_function(function () use ($faultFile) {
                    $h = fopen($faultFile, 'c+');
                    if ($h === false) {
                        return;
                    }
                    flock($h, LOCK_EX);
                    $f = json_decode((string) stream_get_contents($h), true);
                    if (is_array($f)) {
                        $f['armed'] = true;
                        ftruncate($h, 0);
                        rewind($h);
                        fwrite($h, json_encode($f));
                        fflush($h);
                    }
                    flock($h, LOCK_UN);
                    fclose($h);
                });
            }
        }
        flock($handle, LOCK_UN);
        fclose($handle);
        if ($answer !== null) {
            // What a host in maintenance, or a proxy in front of a dead PHP, answers.
            http_response_code($answer);
            header('Content-Type: text/html; charset=UTF-8');
            header('Retry-After: 1');
            echo '<!DOCTYPE html><html><head><title>Service Unavailable</title></head><body><h1>Service Unavailable</h1></body></html>';
            return true;
        }
    }
}

// The built-in server serves existing files itself and sends everything else to index.php, which is
// what pretty permalinks need.
return false;
