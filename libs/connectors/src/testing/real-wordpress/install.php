<?php
/** Installs WordPress into the instance's empty database (run through bootstrap.php with installing: true). */
if (is_blog_installed()) {
    throw new RuntimeException('This database already holds a WordPress');
}
$installed = wp_install($input['siteName'], $input['login'], $input['email'], true, '', wp_slash($input['password']));
if (is_wp_error($installed)) {
    throw new RuntimeException($installed->get_error_message());
}
return ['userId' => (int) $installed['user_id']];
