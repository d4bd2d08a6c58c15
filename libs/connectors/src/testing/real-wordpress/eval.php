<?php
/** Runs a piece of PHP inside the instance as its administrator (run through bootstrap.php). */
$code = $input['code'];
$run = function (array $args) use ($code) {
    return eval($code);
};
return $run($input['args'] ?? []);
