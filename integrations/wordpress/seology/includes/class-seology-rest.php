<?php
/**
 * The seology/v1 REST routes: status, SEO fields of posts, terms and the front page, media alt text, and redirects.
 *
 * @package Seology
 */

defined( 'ABSPATH' ) || exit;

/**
 * REST routes.
 */
final class Seology_Rest {

	const REST_NAMESPACE = 'seology/v1';

	/**
	 * Registers the routes.
	 */
	public static function register_routes(): void {
		register_rest_route(
			self::REST_NAMESPACE,
			'/status',
			array(
				'methods'             => WP_REST_Server::READABLE,
				'callback'            => array( __CLASS__, 'status' ),
				'permission_callback' => static function () {
					return current_user_can( 'edit_posts' ) ? true : self::forbidden( 'see the Seology status (it needs the edit_posts capability)' );
				},
			)
		);
		$fields_args = array(
			'kind' => array(
				'type' => 'string',
				'enum' => Seology_Fields::KINDS,
			),
			'id'   => array( 'type' => 'integer' ),
		);
		register_rest_route(
			self::REST_NAMESPACE,
			'/fields/(?P<kind>post|term|home)/(?P<id>\d+)',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( __CLASS__, 'get_fields' ),
					'permission_callback' => array( __CLASS__, 'can_edit_object' ),
					'args'                => $fields_args,
				),
				array(
					'methods'             => WP_REST_Server::EDITABLE,
					'callback'            => array( __CLASS__, 'update_fields' ),
					'permission_callback' => array( __CLASS__, 'can_edit_object' ),
					'args'                => array_merge(
						$fields_args,
						array(
							'fields'  => array(
								'type'        => 'object',
								'description' => 'New values by field name; null or "" removes the field.',
							),
							'restore' => array(
								'type'        => 'object',
								'description' => 'Stored forms read earlier, by field name, to put back exactly; null deletes.',
							),
						)
					),
				),
			)
		);
		register_rest_route(
			self::REST_NAMESPACE,
			'/media-alt/(?P<id>\d+)',
			array(
				array(
					'methods'             => WP_REST_Server::READABLE,
					'callback'            => array( __CLASS__, 'get_media_alt' ),
					'permission_callback' => array( __CLASS__, 'can_edit_media' ),
					'args'                => array( 'id' => array( 'type' => 'integer' ) ),
				),
				array(
					'methods'             => WP_REST_Server::EDITABLE,
					'callback'            => array( __CLASS__, 'update_media_alt' ),
					'permission_callback' => array( __CLASS__, 'can_edit_media' ),
					'args'                => array(
						'id'  => array( 'type' => 'integer' ),
						'alt' => array(
							// Not "required": WordPress counts a JSON null as missing. Checked in the callback.
							'type'        => array( 'string', 'null' ),
							'description' => 'The new alt text; null deletes the _wp_attachment_image_alt row (core REST can only write "").',
						),
					),
				),
			)
		);
		Seology_Redirects::register_routes( self::REST_NAMESPACE );
	}

	/**
	 * Permission check for the media alt route: the attachment must exist and the user must be able to edit it.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public static function can_edit_media( WP_REST_Request $request ) {
		$id   = (int) $request['id'];
		$post = get_post( $id );
		if ( ! $post || 'attachment' !== $post->post_type ) {
			return new WP_Error( 'seology_not_found', sprintf( 'There is no media item with id %d.', $id ), array( 'status' => 404 ) );
		}
		return current_user_can( 'edit_post', $id ) ? true : self::forbidden( sprintf( 'edit media item %d', $id ) );
	}

	/**
	 * The alt text of a media item as stored: null when it has no _wp_attachment_image_alt row at all.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public static function get_media_alt( WP_REST_Request $request ): WP_REST_Response {
		return self::media_alt_response( (int) $request['id'] );
	}

	/**
	 * Writes the alt text of a media item, or deletes its row (alt null), so a rollback is exact.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function update_media_alt( WP_REST_Request $request ) {
		$id = (int) $request['id'];
		if ( ! $request->has_param( 'alt' ) ) {
			return self::invalid_params( array( 'alt' => 'Send alt: the new text, or null to delete it.' ) );
		}
		$alt = $request->get_param( 'alt' );
		if ( null === $alt ) {
			delete_post_meta( $id, '_wp_attachment_image_alt' );
		} else {
			// As core's REST API stores alt_text.
			update_post_meta( $id, '_wp_attachment_image_alt', sanitize_text_field( (string) $alt ) );
		}
		return self::media_alt_response( $id );
	}

	/**
	 * The media alt response of one attachment.
	 *
	 * @param int $id Attachment id.
	 */
	private static function media_alt_response( int $id ): WP_REST_Response {
		$exists = metadata_exists( 'post', $id, '_wp_attachment_image_alt' );
		return new WP_REST_Response(
			array(
				'id'  => $id,
				'alt' => $exists ? (string) get_post_meta( $id, '_wp_attachment_image_alt', true ) : null,
			)
		);
	}

	/**
	 * What the connector needs to know: version, active SEO plugin, writable fields per kind of URL.
	 */
	public static function status(): WP_REST_Response {
		$lists_posts = 'page' !== get_option( 'show_on_front' ) || ! get_option( 'page_on_front' );
		$fields      = array(
			'post' => current_user_can( 'edit_posts' ) ? Seology_Fields::writable( 'post' ) : array(),
			'page' => current_user_can( 'edit_pages' ) ? Seology_Fields::writable( 'post' ) : array(),
			'term' => current_user_can( 'manage_categories' ) ? Seology_Fields::writable( 'term' ) : array(),
			'home' => $lists_posts && current_user_can( 'manage_options' ) ? Seology_Fields::writable( 'home' ) : array(),
		);
		return new WP_REST_Response(
			array(
				'version'    => SEOLOGY_VERSION,
				'seo_plugin' => Seology_Fields::seo_plugin(),
				'redirects'  => Seology_Redirects::can_manage() ? Seology_Redirects::provider() : null,
				'front_page' => array(
					'lists_posts' => $lists_posts,
					'page_id'     => $lists_posts ? 0 : (int) get_option( 'page_on_front' ),
					'url'         => home_url( '/' ),
				),
				'fields'     => $fields,
				// Since 1.1.0: seology/v1/media-alt reads and deletes the alt row exactly.
				'media_alt'  => current_user_can( 'upload_files' ),
			)
		);
	}

	/**
	 * Permission check for the fields routes: the object must exist and the user must be able to edit it.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return true|WP_Error
	 */
	public static function can_edit_object( WP_REST_Request $request ) {
		$kind = (string) $request['kind'];
		$id   = (int) $request['id'];
		$url  = self::object_url( $kind, $id );
		if ( is_wp_error( $url ) ) {
			return $url;
		}
		switch ( $kind ) {
			case 'post':
				return current_user_can( 'edit_post', $id ) ? true : self::forbidden( sprintf( 'edit post %d', $id ) );
			case 'term':
				return current_user_can( 'edit_term', $id ) ? true : self::forbidden( sprintf( 'edit term %d', $id ) );
			default:
				return current_user_can( 'manage_options' ) ? true : self::forbidden( 'change the front page (it needs the manage_options capability)' );
		}
	}

	/**
	 * The SEO fields of one object.
	 *
	 * @param WP_REST_Request $request Request.
	 */
	public static function get_fields( WP_REST_Request $request ): WP_REST_Response {
		return self::fields_response( (string) $request['kind'], (int) $request['id'] );
	}

	/**
	 * Writes values (`fields`) or puts back stored forms (`restore`). Nothing is written when any field is invalid.
	 *
	 * @param WP_REST_Request $request Request.
	 * @return WP_REST_Response|WP_Error
	 */
	public static function update_fields( WP_REST_Request $request ) {
		$kind     = (string) $request['kind'];
		$id       = (int) $request['id'];
		$writable = Seology_Fields::writable( $kind );
		$errors   = array();
		$plan     = array();
		foreach ( array( 'fields', 'restore' ) as $mode ) {
			$given = $request->get_param( $mode );
			if ( null === $given ) {
				continue;
			}
			if ( ! is_array( $given ) ) {
				$errors[ $mode ] = sprintf( '%s must be an object of field names to values.', $mode );
				continue;
			}
			foreach ( $given as $field => $value ) {
				if ( ! in_array( $field, $writable, true ) ) {
					$errors[ $field ] = sprintf(
						'"%s" cannot be written on a %s here; writable: %s.',
						$field,
						$kind,
						implode( ', ', $writable )
					);
					continue;
				}
				if ( null !== $value && ! is_string( $value ) ) {
					$errors[ $field ] = sprintf( '%s must be a string or null.', $field );
					continue;
				}
				if ( 'fields' === $mode && null !== $value ) {
					$clean = Seology_Fields::sanitize( $field, $value );
					if ( is_wp_error( $clean ) ) {
						$errors[ $field ] = $clean->get_error_message();
						continue;
					}
				}
				$plan[] = array( $mode, $field, $value );
			}
		}
		if ( array() === $errors && array() === $plan ) {
			$errors['fields'] = 'Send fields (new values) or restore (stored forms) with at least one field.';
		}
		if ( array() !== $errors ) {
			return Seology_Rest::invalid_params( $errors );
		}
		foreach ( $plan as list( $mode, $field, $value ) ) {
			$result = 'fields' === $mode
				? Seology_Fields::write( $kind, $id, $field, $value )
				: Seology_Fields::restore( $kind, $id, $field, $value );
			if ( is_wp_error( $result ) ) {
				return $result;
			}
		}
		return self::fields_response( $kind, $id );
	}

	/**
	 * The fields response of one object.
	 *
	 * @param string $kind post, term or home.
	 * @param int    $id   Object id.
	 */
	private static function fields_response( string $kind, int $id ): WP_REST_Response {
		return new WP_REST_Response(
			array(
				'kind'       => $kind,
				'id'         => $id,
				'url'        => self::object_url( $kind, $id ),
				'seo_plugin' => Seology_Fields::seo_plugin(),
				'fields'     => Seology_Fields::read_all( $kind, $id ),
			)
		);
	}

	/**
	 * Public URL of an object, or a 404/400 error when it is not one Seology can change.
	 *
	 * @param string $kind post, term or home.
	 * @param int    $id   Object id.
	 * @return string|WP_Error
	 */
	private static function object_url( string $kind, int $id ) {
		switch ( $kind ) {
			case 'post':
				$post = get_post( $id );
				if ( ! $post || 'attachment' === $post->post_type || ! is_post_type_viewable( $post->post_type ) ) {
					return new WP_Error( 'seology_not_found', sprintf( 'There is no public post or page with id %d.', $id ), array( 'status' => 404 ) );
				}
				return (string) get_permalink( $post );
			case 'term':
				$term = get_term( $id );
				if ( ! $term instanceof WP_Term || ! is_taxonomy_viewable( $term->taxonomy ) ) {
					return new WP_Error( 'seology_not_found', sprintf( 'There is no public category, tag or other term with id %d.', $id ), array( 'status' => 404 ) );
				}
				$link = get_term_link( $term );
				return is_wp_error( $link ) ? '' : $link;
			default:
				if ( 0 !== $id ) {
					return new WP_Error( 'seology_not_found', 'The front page has id 0.', array( 'status' => 404 ) );
				}
				if ( 'page' === get_option( 'show_on_front' ) && get_option( 'page_on_front' ) ) {
					return new WP_Error(
						'seology_front_page_is_page',
						sprintf( 'The front page shows page %d; change its fields as post %d.', (int) get_option( 'page_on_front' ), (int) get_option( 'page_on_front' ) ),
						array( 'status' => 400 )
					);
				}
				return home_url( '/' );
		}
	}

	/**
	 * A 400 error naming each invalid parameter and what is wrong with it, as core's validation does.
	 *
	 * @param array<string, string> $errors Message by parameter.
	 */
	public static function invalid_params( array $errors ): WP_Error {
		return new WP_Error(
			'rest_invalid_param',
			'Invalid parameter(s): ' . implode( ', ', array_keys( $errors ) ),
			array(
				'status' => 400,
				'params' => $errors,
			)
		);
	}

	/**
	 * A 403 (logged in) or 401 (not) error that says what was refused.
	 *
	 * @param string $action What the user tried to do.
	 */
	public static function forbidden( string $action ): WP_Error {
		return new WP_Error(
			'rest_forbidden',
			sprintf( 'Sorry, you are not allowed to %s.', $action ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
