<?php
/**
 * Where each SEO field of a post, term or the front page is stored, and how it is read, written,
 * removed and restored exactly.
 *
 * A field is kept in one or more "stores" (a post or term meta key, or a key inside an option). Which
 * stores depends on the SEO plugin that is active: with Yoast SEO or Rank Math the values go into their
 * own fields, so their output shows the change; with neither, into this plugin's own fields.
 *
 * Every field has a value (what a person means: "noindex,nofollow") and a stored form (exactly what is
 * in the database: Yoast keeps noindex as "1" in one key and nofollow in another). Restoring a stored
 * form puts back every store as it was, and a store that did not exist is deleted, never set to "".
 *
 * @package Seology
 */

defined( 'ABSPATH' ) || exit;

/**
 * Field definitions and storage.
 */
final class Seology_Fields {

	const FIELDS = array( 'title', 'description', 'canonical', 'robots', 'og_title', 'og_description', 'json_ld' );
	const KINDS  = array( 'post', 'term', 'home' );

	const ROBOTS_TOKEN = '/^(index|noindex|follow|nofollow|none|all|noarchive|nosnippet|noimageindex|notranslate|max-snippet:-?\d+|max-video-preview:-?\d+|max-image-preview:(none|standard|large))$/';

	/**
	 * The SEO plugin whose fields are written: 'yoast', 'rankmath' or 'none'.
	 */
	public static function seo_plugin(): string {
		if ( defined( 'WPSEO_VERSION' ) ) {
			return 'yoast';
		}
		if ( defined( 'RANK_MATH_VERSION' ) ) {
			return 'rankmath';
		}
		return 'none';
	}

	/**
	 * Fields this plugin can write on a kind of resource with the active SEO plugin.
	 *
	 * @param string $kind post, term or home.
	 * @return string[]
	 */
	public static function writable( string $kind ): array {
		$plugin = self::seo_plugin();
		if ( 'home' === $kind && 'yoast' === $plugin ) {
			// Yoast SEO has no canonical or robots setting for a home page that lists posts.
			return array( 'title', 'description', 'og_title', 'og_description', 'json_ld' );
		}
		if ( 'home' === $kind && 'rankmath' === $plugin ) {
			return array( 'title', 'description', 'robots', 'og_title', 'og_description', 'json_ld' );
		}
		return self::FIELDS;
	}

	/**
	 * Values and stored forms of every writable field.
	 *
	 * @param string $kind post, term or home.
	 * @param int    $id   Post or term id; 0 for home.
	 * @return array<string, array{value: ?string, stored: ?string}>
	 */
	public static function read_all( string $kind, int $id ): array {
		$out = array();
		foreach ( self::writable( $kind ) as $field ) {
			$out[ $field ] = array(
				'value'  => self::value( $kind, $id, $field ),
				'stored' => self::stored( $kind, $id, $field ),
			);
		}
		return $out;
	}

	/**
	 * The value of one field as a person reads it, or null when it is not set.
	 *
	 * @param string $kind  post, term or home.
	 * @param int    $id    Post or term id; 0 for home.
	 * @param string $field One of FIELDS.
	 */
	public static function value( string $kind, int $id, string $field ): ?string {
		$stores = self::stores( $kind, $id, $field );
		if ( 'robots' !== $field ) {
			$raw = self::get_store( reset( $stores ) );
			return is_string( $raw ) && '' !== $raw ? $raw : null;
		}
		$raw = array();
		foreach ( $stores as $name => $store ) {
			$raw[ $name ] = self::get_store( $store );
		}
		$directives = self::robots_from_stores( $raw );
		return array() === $directives ? null : implode( ',', $directives );
	}

	/**
	 * The exact stored form of a field: the raw value of its one store, or a JSON object of the stores
	 * that exist when it has several; null when nothing is stored.
	 *
	 * @param string $kind  post, term or home.
	 * @param int    $id    Post or term id; 0 for home.
	 * @param string $field One of FIELDS.
	 */
	public static function stored( string $kind, int $id, string $field ): ?string {
		$stores = self::stores( $kind, $id, $field );
		if ( 1 === count( $stores ) ) {
			$raw = self::get_store( reset( $stores ) );
			if ( null === $raw ) {
				return null;
			}
			return is_string( $raw ) ? $raw : (string) wp_json_encode( $raw );
		}
		$present = array();
		foreach ( $stores as $name => $store ) {
			$raw = self::get_store( $store );
			if ( null !== $raw ) {
				$present[ $name ] = $raw;
			}
		}
		return array() === $present ? null : (string) wp_json_encode( $present );
	}

	/**
	 * Writes a value a person asked for; null or "" removes the field.
	 *
	 * @param string  $kind  post, term or home.
	 * @param int     $id    Post or term id; 0 for home.
	 * @param string  $field One of FIELDS.
	 * @param ?string $value The new value.
	 * @return true|WP_Error
	 */
	public static function write( string $kind, int $id, string $field, ?string $value ) {
		$clean = null === $value ? null : self::sanitize( $field, $value );
		if ( is_wp_error( $clean ) ) {
			return $clean;
		}
		$stores = self::stores( $kind, $id, $field );
		if ( null === $clean || '' === $clean ) {
			foreach ( $stores as $store ) {
				self::delete_store( $store );
			}
			return true;
		}
		if ( 'robots' === $field ) {
			$raw = self::robots_to_stores( $kind, explode( ',', $clean ) );
			if ( is_wp_error( $raw ) ) {
				return $raw;
			}
			foreach ( $stores as $name => $store ) {
				if ( isset( $raw[ $name ] ) ) {
					self::set_store( $store, $raw[ $name ] );
				} else {
					self::delete_store( $store );
				}
			}
			return true;
		}
		self::set_store( reset( $stores ), $clean );
		return true;
	}

	/**
	 * Puts back a stored form read earlier with stored(); null deletes every store of the field.
	 *
	 * @param string  $kind   post, term or home.
	 * @param int     $id     Post or term id; 0 for home.
	 * @param string  $field  One of FIELDS.
	 * @param ?string $stored The stored form.
	 * @return true|WP_Error
	 */
	public static function restore( string $kind, int $id, string $field, ?string $stored ) {
		$stores = self::stores( $kind, $id, $field );
		if ( null === $stored ) {
			foreach ( $stores as $store ) {
				self::delete_store( $store );
			}
			return true;
		}
		if ( 1 === count( $stores ) ) {
			$store = reset( $stores );
			if ( 'array' === $store['type'] ) {
				$decoded = json_decode( $stored, true );
				if ( ! is_array( $decoded ) ) {
					return new WP_Error( 'seology_invalid_stored', sprintf( 'The stored %s must be a JSON array.', $field ), array( 'status' => 400 ) );
				}
				self::set_store( $store, $decoded );
			} else {
				self::set_store( $store, $stored );
			}
			return true;
		}
		$decoded = json_decode( $stored, true );
		if ( ! is_array( $decoded ) || array_diff( array_keys( $decoded ), array_keys( $stores ) ) ) {
			return new WP_Error(
				'seology_invalid_stored',
				sprintf( 'The stored %s must be a JSON object with some of the keys %s.', $field, implode( ', ', array_keys( $stores ) ) ),
				array( 'status' => 400 )
			);
		}
		foreach ( $stores as $name => $store ) {
			if ( array_key_exists( $name, $decoded ) ) {
				self::set_store( $store, $decoded[ $name ] );
			} else {
				self::delete_store( $store );
			}
		}
		return true;
	}

	/**
	 * A value cleaned for storage, or an error that says what is wrong with it.
	 *
	 * @param string $field One of FIELDS.
	 * @param string $value As sent.
	 * @return string|WP_Error
	 */
	public static function sanitize( string $field, string $value ) {
		switch ( $field ) {
			case 'title':
			case 'og_title':
			case 'description':
			case 'og_description':
				return sanitize_text_field( $value );
			case 'canonical':
				$value = trim( $value );
				if ( '' === $value ) {
					return '';
				}
				$url = esc_url_raw( $value, array( 'http', 'https' ) );
				if ( '' === $url || ! wp_parse_url( $url, PHP_URL_HOST ) ) {
					return new WP_Error( 'seology_invalid_canonical', 'The canonical URL must be an absolute http:// or https:// address.', array( 'status' => 400 ) );
				}
				return $url;
			case 'robots':
				$tokens = array_values( array_unique( array_filter( preg_split( '/[\s,]+/', strtolower( $value ) ) ) ) );
				foreach ( $tokens as $token ) {
					if ( ! preg_match( self::ROBOTS_TOKEN, $token ) ) {
						return new WP_Error( 'seology_invalid_robots', sprintf( '"%s" is not a robots directive (use e.g. "noindex,follow").', $token ), array( 'status' => 400 ) );
					}
				}
				return implode( ',', $tokens );
			case 'json_ld':
				if ( '' === trim( $value ) ) {
					return '';
				}
				$data = json_decode( $value, true );
				if ( ! is_array( $data ) ) {
					return new WP_Error( 'seology_invalid_json_ld', 'JSON-LD must be a JSON object or array.', array( 'status' => 400 ) );
				}
				return (string) wp_json_encode( $data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE );
		}
		return new WP_Error( 'seology_unknown_field', sprintf( 'Unknown field "%s".', $field ), array( 'status' => 400 ) );
	}

	/**
	 * The stores of a field, keyed by name.
	 *
	 * @param string $kind  post, term or home.
	 * @param int    $id    Post or term id; 0 for home.
	 * @param string $field One of FIELDS.
	 * @return array<string, array{where: string, type: string, id?: int, key?: string, option?: string, path?: string[]}>
	 */
	private static function stores( string $kind, int $id, string $field ): array {
		$plugin = 'json_ld' === $field ? 'none' : self::seo_plugin();
		$meta   = 'home' === $kind ? null : ( 'post' === $kind ? 'post' : 'term' );

		if ( 'yoast' === $plugin && 'post' === $kind ) {
			$keys = array(
				'title'          => '_yoast_wpseo_title',
				'description'    => '_yoast_wpseo_metadesc',
				'canonical'      => '_yoast_wpseo_canonical',
				'og_title'       => '_yoast_wpseo_opengraph-title',
				'og_description' => '_yoast_wpseo_opengraph-description',
			);
			if ( 'robots' === $field ) {
				return array(
					'noindex'  => self::meta_store( 'post', $id, '_yoast_wpseo_meta-robots-noindex' ),
					'nofollow' => self::meta_store( 'post', $id, '_yoast_wpseo_meta-robots-nofollow' ),
					'adv'      => self::meta_store( 'post', $id, '_yoast_wpseo_meta-robots-adv' ),
				);
			}
			return array( 'value' => self::meta_store( 'post', $id, $keys[ $field ] ) );
		}
		if ( 'yoast' === $plugin && 'term' === $kind ) {
			// Yoast SEO keeps term fields in one option, by taxonomy and term id.
			$keys     = array(
				'title'          => 'wpseo_title',
				'description'    => 'wpseo_desc',
				'canonical'      => 'wpseo_canonical',
				'robots'         => 'wpseo_noindex',
				'og_title'       => 'wpseo_opengraph-title',
				'og_description' => 'wpseo_opengraph-description',
			);
			$term     = get_term( $id );
			$taxonomy = $term instanceof WP_Term ? $term->taxonomy : 'category';
			return array( 'value' => self::option_store( 'wpseo_taxonomy_meta', array( $taxonomy, (string) $id, $keys[ $field ] ), 'string' ) );
		}
		if ( 'yoast' === $plugin && 'home' === $kind ) {
			$keys = array(
				'title'          => 'title-home-wpseo',
				'description'    => 'metadesc-home-wpseo',
				'og_title'       => 'open_graph_frontpage_title',
				'og_description' => 'open_graph_frontpage_desc',
			);
			return array( 'value' => self::option_store( 'wpseo_titles', array( $keys[ $field ] ), 'string' ) );
		}
		if ( 'rankmath' === $plugin && 'home' === $kind ) {
			if ( 'robots' === $field ) {
				return array(
					'robots' => self::option_store( 'rank-math-options-titles', array( 'homepage_robots' ), 'array' ),
					'custom' => self::option_store( 'rank-math-options-titles', array( 'homepage_custom_robots' ), 'string' ),
				);
			}
			$keys = array(
				'title'          => 'homepage_title',
				'description'    => 'homepage_description',
				'og_title'       => 'homepage_facebook_title',
				'og_description' => 'homepage_facebook_description',
			);
			return array( 'value' => self::option_store( 'rank-math-options-titles', array( $keys[ $field ] ), 'string' ) );
		}
		if ( 'rankmath' === $plugin ) {
			// Rank Math uses the same meta keys on posts and terms.
			$keys = array(
				'title'          => 'rank_math_title',
				'description'    => 'rank_math_description',
				'canonical'      => 'rank_math_canonical_url',
				'robots'         => 'rank_math_robots',
				'og_title'       => 'rank_math_facebook_title',
				'og_description' => 'rank_math_facebook_description',
			);
			return array( 'value' => self::meta_store( $meta, $id, $keys[ $field ], 'robots' === $field ? 'array' : 'string' ) );
		}
		if ( null === $meta ) {
			return array( 'value' => self::option_store( 'seology_home_' . $field, array(), 'string' ) );
		}
		return array( 'value' => self::meta_store( $meta, $id, '_seology_' . $field ) );
	}

	/**
	 * Robots directives from the raw values of the robots stores of the active plugin.
	 *
	 * @param array<string, mixed> $raw Raw store values by store name (null when absent).
	 * @return string[]
	 */
	private static function robots_from_stores( array $raw ): array {
		$first = reset( $raw );
		if ( 'yoast' === self::seo_plugin() && array_key_exists( 'noindex', $raw ) ) {
			$out = array();
			if ( '1' === $raw['noindex'] ) {
				$out[] = 'noindex';
			} elseif ( '2' === $raw['noindex'] ) {
				$out[] = 'index';
			}
			if ( '1' === $raw['nofollow'] ) {
				$out[] = 'nofollow';
			}
			if ( is_string( $raw['adv'] ) && '' !== $raw['adv'] && 'none' !== $raw['adv'] ) {
				$out = array_merge( $out, explode( ',', $raw['adv'] ) );
			}
			return $out;
		}
		if ( 'yoast' === self::seo_plugin() ) {
			return in_array( $first, array( 'index', 'noindex' ), true ) ? array( $first ) : array();
		}
		if ( is_array( $first ) ) {
			return array_values( array_map( 'strval', $first ) );
		}
		return is_string( $first ) && '' !== $first ? explode( ',', $first ) : array();
	}

	/**
	 * Raw store values for robots directives, by store name; a store left out is deleted.
	 *
	 * @param string   $kind       post, term or home.
	 * @param string[] $directives Cleaned directives.
	 * @return array<string, mixed>|WP_Error
	 */
	private static function robots_to_stores( string $kind, array $directives ) {
		$plugin = self::seo_plugin();
		if ( 'yoast' === $plugin && 'post' === $kind ) {
			$raw = array();
			if ( in_array( 'noindex', $directives, true ) || in_array( 'none', $directives, true ) ) {
				$raw['noindex'] = '1';
			} elseif ( in_array( 'index', $directives, true ) || in_array( 'all', $directives, true ) ) {
				$raw['noindex'] = '2';
			}
			if ( in_array( 'nofollow', $directives, true ) || in_array( 'none', $directives, true ) ) {
				$raw['nofollow'] = '1';
			}
			$adv = array_values( array_diff( $directives, array( 'index', 'noindex', 'follow', 'nofollow', 'none', 'all' ) ) );
			if ( array() !== $adv ) {
				$raw['adv'] = implode( ',', $adv );
			}
			return $raw;
		}
		if ( 'yoast' === $plugin && 'term' === $kind ) {
			$other = array_diff( $directives, array( 'index', 'noindex', 'follow' ) );
			if ( array() !== $other ) {
				return new WP_Error( 'seology_invalid_robots', 'Yoast SEO keeps only "index" or "noindex" for archives.', array( 'status' => 400 ) );
			}
			if ( in_array( 'noindex', $directives, true ) ) {
				return array( 'value' => 'noindex' );
			}
			return in_array( 'index', $directives, true ) ? array( 'value' => 'index' ) : array();
		}
		if ( 'rankmath' === $plugin && 'home' === $kind ) {
			return array(
				'robots' => $directives,
				'custom' => 'on',
			);
		}
		if ( 'rankmath' === $plugin ) {
			return array( 'value' => $directives );
		}
		return array( 'value' => implode( ',', $directives ) );
	}

	/**
	 * A post or term meta store.
	 *
	 * @param string $meta_type post or term.
	 * @param int    $id        Object id.
	 * @param string $key       Meta key.
	 * @param string $type      string or array.
	 */
	private static function meta_store( string $meta_type, int $id, string $key, string $type = 'string' ): array {
		return array(
			'where' => $meta_type,
			'id'    => $id,
			'key'   => $key,
			'type'  => $type,
		);
	}

	/**
	 * A store inside an option: the whole option when $path is empty, else a nested key.
	 *
	 * @param string   $option Option name.
	 * @param string[] $path   Keys inside the option.
	 * @param string   $type   string or array.
	 */
	private static function option_store( string $option, array $path, string $type ): array {
		return array(
			'where'  => 'option',
			'option' => $option,
			'path'   => $path,
			'type'   => $type,
		);
	}

	/**
	 * Raw value of a store; null when it does not exist.
	 *
	 * @param array $store A store.
	 * @return mixed
	 */
	private static function get_store( array $store ) {
		if ( 'option' !== $store['where'] ) {
			if ( ! metadata_exists( $store['where'], $store['id'], $store['key'] ) ) {
				return null;
			}
			return get_metadata( $store['where'], $store['id'], $store['key'], true );
		}
		$sentinel = new stdClass();
		$value    = get_option( $store['option'], $sentinel );
		if ( $value === $sentinel ) {
			return null;
		}
		foreach ( $store['path'] as $key ) {
			if ( ! is_array( $value ) || ! array_key_exists( $key, $value ) ) {
				return null;
			}
			$value = $value[ $key ];
		}
		return $value;
	}

	/**
	 * Writes a raw value into a store.
	 *
	 * @param array $store A store.
	 * @param mixed $value Raw value.
	 */
	private static function set_store( array $store, $value ): void {
		if ( 'option' !== $store['where'] ) {
			// The metadata API unslashes what it is given.
			update_metadata( $store['where'], $store['id'], $store['key'], wp_slash( $value ) );
			return;
		}
		if ( array() === $store['path'] ) {
			update_option( $store['option'], $value, false );
			return;
		}
		$option = get_option( $store['option'], array() );
		$option = is_array( $option ) ? $option : array();
		$ref    = &$option;
		foreach ( $store['path'] as $key ) {
			if ( ! isset( $ref[ $key ] ) || ! is_array( $ref[ $key ] ) ) {
				$ref[ $key ] = array();
			}
			$ref = &$ref[ $key ];
		}
		$ref = $value;
		unset( $ref );
		update_option( $store['option'], $option );
	}

	/**
	 * Removes a store; nested keys left empty by the removal go too.
	 *
	 * @param array $store A store.
	 */
	private static function delete_store( array $store ): void {
		if ( 'option' !== $store['where'] ) {
			delete_metadata( $store['where'], $store['id'], $store['key'] );
			return;
		}
		if ( array() === $store['path'] ) {
			delete_option( $store['option'] );
			return;
		}
		$sentinel = new stdClass();
		$option   = get_option( $store['option'], $sentinel );
		if ( $option === $sentinel || ! is_array( $option ) ) {
			return;
		}
		$pruned = self::unset_path( $option, $store['path'] );
		if ( array() === $pruned ) {
			// Created by a write of ours (the SEO plugins create theirs with defaults): gone with its last key.
			delete_option( $store['option'] );
		} elseif ( $pruned !== $option ) {
			update_option( $store['option'], $pruned );
		}
	}

	/**
	 * The array without the nested key, and without parents the removal left empty.
	 *
	 * @param array    $value The array.
	 * @param string[] $path  Keys.
	 */
	private static function unset_path( array $value, array $path ): array {
		$key = array_shift( $path );
		if ( ! array_key_exists( $key, $value ) ) {
			return $value;
		}
		if ( array() === $path ) {
			unset( $value[ $key ] );
			return $value;
		}
		if ( ! is_array( $value[ $key ] ) ) {
			return $value;
		}
		$value[ $key ] = self::unset_path( $value[ $key ], $path );
		if ( array() === $value[ $key ] ) {
			unset( $value[ $key ] );
		}
		return $value;
	}
}
