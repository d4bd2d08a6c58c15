<?php
/**
 * Plugin Name:       Seology
 * Plugin URI:        https://seology.app/wordpress
 * Description:       Lets Seology write SEO titles, descriptions, canonical URLs, robots directives, Open Graph, JSON-LD and redirects for posts, pages, category and tag archives and the front page, and undo every change exactly. Works alone or with Yoast SEO or Rank Math.
 * Version:           1.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.2
 * Author:            Seology
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       seology
 *
 * @package Seology
 */

defined( 'ABSPATH' ) || exit;

define( 'SEOLOGY_VERSION', '1.1.0' );
define( 'SEOLOGY_DB_VERSION', '1' );
define( 'SEOLOGY_FILE', __FILE__ );

require_once __DIR__ . '/includes/class-seology-fields.php';
require_once __DIR__ . '/includes/class-seology-redirects.php';
require_once __DIR__ . '/includes/class-seology-head.php';
require_once __DIR__ . '/includes/class-seology-rest.php';

register_activation_hook( __FILE__, array( 'Seology_Redirects', 'install' ) );

add_action( 'plugins_loaded', array( 'Seology_Redirects', 'maybe_upgrade' ) );
add_action( 'rest_api_init', array( 'Seology_Rest', 'register_routes' ) );
add_action( 'template_redirect', array( 'Seology_Redirects', 'serve' ), 1 );
add_action( 'wp', array( 'Seology_Head', 'register' ) );
