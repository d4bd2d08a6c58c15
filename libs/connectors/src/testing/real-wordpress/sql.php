<?php
/**
 * Runs SQL on the instance's database without loading WordPress: `php sql.php` with
 * { db: {name, user, password}, query?, params?, dump? } on stdin; prints JSON. Values come back as
 * MariaDB sends them: strings, or null for NULL (which the mysql client's text output cannot tell
 * apart from the string "NULL").
 */
mysqli_report(MYSQLI_REPORT_ERROR | MYSQLI_REPORT_STRICT);
$input = json_decode((string) stream_get_contents(STDIN), true);
$db = new mysqli('localhost', $input['db']['user'], $input['db']['password'], $input['db']['name']);
$db->set_charset('utf8mb4');
$rows = function ($result) {
    if ($result === true) {
        return [];
    }
    $all = $result->fetch_all(MYSQLI_ASSOC);
    $result->free();
    // Prepared statements come back with native ints and floats, plain queries as strings: always strings.
    return array_map(fn ($row) => array_map(fn ($v) => $v === null ? null : (string) $v, $row), $all);
};
if (isset($input['dump'])) {
    $out = [];
    foreach ($input['dump'] as $table) {
        if (!preg_match('/^[A-Za-z0-9_]+$/', $table)) {
            throw new InvalidArgumentException("Not a table name: $table");
        }
        $keys = array_column($rows($db->query("SHOW KEYS FROM `$table` WHERE Key_name = 'PRIMARY'")), 'Column_name');
        $order = $keys ? ' ORDER BY ' . implode(', ', array_map(fn ($k) => "`$k`", $keys)) : '';
        $out[$table] = ['primaryKey' => $keys, 'rows' => $rows($db->query("SELECT * FROM `$table`$order"))];
    }
    echo json_encode($out, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
    exit(0);
}
$result = $db->execute_query($input['query'], $input['params'] ?? []);
echo json_encode(['rows' => $rows($result), 'affectedRows' => $db->affected_rows, 'insertId' => $db->insert_id], JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
