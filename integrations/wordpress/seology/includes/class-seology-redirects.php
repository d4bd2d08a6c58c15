<?php
/**
 * Redirects kept in the plugin's own table and served before WordPress renders a page.
 *
 * When the Redirection plugin is active, Seology writes redirects through Redirection's own REST API
 * instead (the status route says so); rows of this table are still served.
 *
 * @package Seology
 */

defined( 'ABSPATH' ) || exit;

/**
 * Redirects.
 */
final class Seology_Redirects {

	const CODES = array( 301, 302, 307, 308 );

	/**
	 * The table name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'seology_redirects';
	}

	/**
	 * Creates or upgrades the table (activation hook).
	 */
	public static function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$charset = $wpdb->get_charset_collate();
		$table   = self::table();
		dbDelta(
			"CREATE TABLE {$table} (
			id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
			source varchar(191) NOT NULL,
			target varchar(2048) NOT NULL,
			status_code smallint(5) unsigned NOT NULL DEFAULT 301,
			created_at datetime NOT NULL,
			PRIMARY KEY  (id),
			UNIQUE KEY source (source)
			) {$charset};"
		);
		update_option( 'seology_db_version', SEOLOGY_DB_VERSION, false );
	}

	/**
	 * Creates the table when the plugin was updated without being re-activated.
	 */
	public static function maybe_upgrade(): void {
		if ( get_option( 'seology_db_version' ) !== SEOLOGY_DB_VERSION ) {
			self::install();
		}
	}

	/**
	 * Who may manage redirects (filterable).
	 */
	public static function can_manage(): bool {
		return current_user_can( (string) apply_filters( 'seology_redirect_capability', 'manage_options' ) );
	}

	/**
	 * Which redirect store Seology should write to: the Redirection plugin when it is active, else this table.
	 */
	public static function provider(): string {
		return defined( 'REDIRECTION_VERSION' ) ? 'redirection' : 'seology';
	}

	/**
	 * Redirects the current request when a row matches its path (with its query first, then without).
	 */
	public static function serve(): void {
		global $wpdb;
		$uri = isset( $_SERVER['REQUEST_URI'] ) ? wp_unslash( $_SERVER['REQUEST_URI'] ) : ''; // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- compared, never printed.
		if ( '' === $uri ) {
			return;
		}
		$path       = (string) wp_parse_url( $uri, PHP_URL_PATH );
		$candidates = array_values( array_unique( array( $uri, $path, untrailingslashit( $path ), trailingslashit( $path ) ) ) );
		$table      = self::table();
		$in         = implode( ',', array_fill( 0, count( $candidates ), '%s' ) );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT source, target, status_code FROM {$table} WHERE source IN ({$in})", $candidates ), ARRAY_A );
		if ( ! $rows ) {
			return;
		}
		usort(
			$rows,
			static function ( $a, $b ) use ( $candidates ) {
				return array_search( $a['source'], $candidates, true ) <=> array_search( $b['source'], $candidates, true );
			}
		);
		$row = $rows[0];
		// phpcs:ignore WordPress.Security.SafeRedirect.wp_redirect_wp_redirect -- a site owner's redirect may leave the site.
		if ( wp_redirect( $row['target'], (int) $row['status_code'], 'Seology' ) ) {
			exit;
		}
	}

	/**
	 * Registers the redirect routes.
	 *
	 * @param string $ns REST namespace.
	 */
	public static function register_routes( string $ns ): void {
		$permission = static function () {
			return self::can_manage() ? true : Seology_Rest::forbidden( 'manage redirects' );
		};
		register_rest_route(
			$ns,
			'/redirects',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( __CLASS__, 'list_redirects' ),
					'permission_callback' => $permission,
					'args'                => array(
						'source' => array(
							'type'        => 'string',
							'description' => 'Only the redirect from this path.',
						),
					),
				),
				array(
					'methods'             => WP_REST_Server::CREATABLE,
					'callback'            => array( __CLASS__, 'save_redirect' ),
					'permission_callback' => $permission,
					'args'                => array(
						'source'      => array(
							'type'     => 'string',
							'required' => true,
						),
						'target'      => array(
							'type'     => 'string',
							'required' => true,
						),
						'status_code' => array(
							'type'    => 'integer',
							'enum'    => self::CODES,
							'default' => 301,
						),
					),
				),
			)
		);
		register_rest_route(
			$ns,
			'/redirects/(?P<id>\d+)',
			array(
				'methods'             => WP_REST_Server::DELETABLE,
				'callback'            => array( __CLASS__, 'delete_redirect' ),
				'permission_callback' => $permission,
			)
		);
	}

	/**
	 * Lists redirects, optionally only the one from a path.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public static function list_redirects( WP_REST_Request $request ): WP_REST_Response {
		global $wpdb;
		$table  = self::table();
		$source = $request->get_param( 'source' );
		if ( is_string( $source ) && '' !== $source ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$rows = $wpdb->get_results( $wpdb->prepare( "SELECT * FROM {$table} WHERE source = %s", $source ), ARRAY_A );
		} else {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
			$rows = $wpdb->get_results( "SELECT * FROM {$table} ORDER BY id LIMIT 1000", ARRAY_A );
		}
		return new WP_REST_Response( array_map( array( __CLASS__, 'to_item' ), $rows ? $rows : array() ) );
	}

	/**
	 * Creates the redirect from a path, or replaces the one that exists.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function save_redirect( WP_REST_Request $request ) {
		global $wpdb;
		$source = self::clean_source( (string) $request['source'] );
		$target = self::clean_target( (string) $request['target'] );
		$errors = array();
		if ( is_wp_error( $source ) ) {
			$errors['source'] = $source->get_error_message();
		}
		if ( '' === $target ) {
			$errors['target'] = 'The target must be a path on this site ("/new-page") or an http:// or https:// address.';
		}
		if ( array() !== $errors ) {
			return Seology_Rest::invalid_params( $errors );
		}
		if ( $source === $target ) {
			return Seology_Rest::invalid_params( array( 'target' => 'The target is the source: the redirect would loop.' ) );
		}
		$table = self::table();
		$code  = (int) $request['status_code'];
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$id      = $wpdb->get_var( $wpdb->prepare( "SELECT id FROM {$table} WHERE source = %s", $source ) );
		$created = ! $id;
		if ( $id ) {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->update( $table, array( 'target' => $target, 'status_code' => $code ), array( 'id' => (int) $id ), array( '%s', '%d' ), array( '%d' ) );
		} else {
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery
			$wpdb->insert(
				$table,
				array(
					'source'      => $source,
					'target'      => $target,
					'status_code' => $code,
					'created_at'  => current_time( 'mysql', true ),
				),
				array( '%s', '%s', '%d', '%s' )
			);
			$id = $wpdb->insert_id;
		}
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared
		$row = $wpdb->get_row( $wpdb->prepare( "SELECT * FROM {$table} WHERE id = %d", (int) $id ), ARRAY_A );
		return new WP_REST_Response( self::to_item( $row ), $created ? 201 : 200 );
	}

	/**
	 * Deletes a redirect.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function delete_redirect( WP_REST_Request $request ) {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery
		$deleted = $wpdb->delete( self::table(), array( 'id' => (int) $request['id'] ), array( '%d' ) );
		if ( ! $deleted ) {
			return new WP_Error( 'seology_not_found', sprintf( 'There is no redirect with id %d.', (int) $request['id'] ), array( 'status' => 404 ) );
		}
		return new WP_REST_Response( array( 'deleted' => true, 'id' => (int) $request['id'] ) );
	}

	/**
	 * A source path as stored: starts with "/", no host, at most 191 characters.
	 *
	 * @param string $source As sent.
	 * @return string|WP_Error
	 */
	private static function clean_source( string $source ) {
		$source = trim( $source );
		if ( preg_match( '#^https?://#i', $source ) ) {
			$parts  = wp_parse_url( $source );
			$source = ( $parts['path'] ?? '/' ) . ( isset( $parts['query'] ) ? '?' . $parts['query'] : '' );
		}
		if ( '' === $source || '/' !== $source[0] || str_starts_with( $source, '//' ) ) {
			return new WP_Error( 'seology_invalid_source', 'The source must be a path on this site, e.g. "/old-page".', array( 'status' => 400 ) );
		}
		if ( strlen( $source ) > 191 || preg_match( '/[\s<>"]/', $source ) ) {
			return new WP_Error( 'seology_invalid_source', 'The source path must be at most 191 characters, without spaces or quotes.', array( 'status' => 400 ) );
		}
		return $source;
	}

	/**
	 * A target as stored: a path on this site or an absolute http(s) address; "" when it is neither.
	 *
	 * @param string $target As sent.
	 */
	private static function clean_target( string $target ): string {
		$target = trim( $target );
		if ( str_starts_with( $target, '/' ) && ! str_starts_with( $target, '//' ) ) {
			return preg_match( '/[\s<>"]/', $target ) ? '' : $target;
		}
		$url = esc_url_raw( $target, array( 'http', 'https' ) );
		return wp_parse_url( $url, PHP_URL_HOST ) ? $url : '';
	}

	/**
	 * A table row as the REST API returns it.
	 *
	 * @param array $row Row.
	 */
	private static function to_item( array $row ): array {
		return array(
			'id'          => (int) $row['id'],
			'source'      => $row['source'],
			'target'      => $row['target'],
			'status_code' => (int) $row['status_code'],
			'created_at'  => mysql_to_rfc3339( $row['created_at'] ),
		);
	}
}
