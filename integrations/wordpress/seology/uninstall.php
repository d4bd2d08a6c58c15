<?php
/**
 * Removes everything the plugin stored: its redirects table, its options and its own post and term
 * meta. Values written into Yoast SEO or Rank Math fields belong to those plugins and stay.
 *
 * @package Seology
 */

defined( 'WP_UNINSTALL_PLUGIN' ) || exit;

global $wpdb;

// phpcs:ignore WordPress.DB.DirectDatabaseQuery.DirectQuery, WordPress.DB.DirectDatabaseQuery.SchemaChange
$wpdb->query( "DROP TABLE IF EXISTS {$wpdb->prefix}seology_redirects" );

delete_option( 'seology_db_version' );
foreach ( array( 'title', 'description', 'canonical', 'robots', 'og_title', 'og_description', 'json_ld' ) as $seology_field ) {
	delete_option( 'seology_home_' . $seology_field );
	delete_metadata( 'post', 0, '_seology_' . $seology_field, '', true );
	delete_metadata( 'term', 0, '_seology_' . $seology_field, '', true );
}
