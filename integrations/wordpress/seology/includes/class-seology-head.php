<?php
/**
 * Prints the SEO fields in the page head when no SEO plugin is active. With Yoast SEO or Rank Math the
 * values live in their fields and they print them; only JSON-LD, which they have no field for, is
 * printed here in every case.
 *
 * @package Seology
 */

defined( 'ABSPATH' ) || exit;

/**
 * Head output.
 */
final class Seology_Head {

	/**
	 * The object being shown: kind and id.
	 *
	 * @var array{0: string, 1: int}|null
	 */
	private static $context = null;

	/**
	 * Hooks the output for the current request (runs on `wp`, once the main query is known).
	 */
	public static function register(): void {
		if ( is_admin() || is_feed() || is_robots() ) {
			return;
		}
		self::$context = self::current_context();
		if ( null === self::$context ) {
			return;
		}
		add_action( 'wp_head', array( __CLASS__, 'print_json_ld' ), 20 );
		if ( 'none' !== Seology_Fields::seo_plugin() ) {
			return;
		}
		add_filter( 'pre_get_document_title', array( __CLASS__, 'document_title' ), 20 );
		add_filter( 'wp_robots', array( __CLASS__, 'robots' ), 20 );
		add_action( 'wp_head', array( __CLASS__, 'print_tags' ), 1 );
		if ( null !== self::field( 'canonical' ) ) {
			// Ours replaces core's, so there is only one.
			remove_action( 'wp_head', 'rel_canonical' );
		}
	}

	/**
	 * The stored title, escaped: core prints what this filter returns as it is.
	 *
	 * @param string $title Title so far.
	 */
	public static function document_title( $title ) {
		$own = self::field( 'title' );
		return null === $own ? $title : esc_html( $own );
	}

	/**
	 * Applies stored robots directives on top of core's (core keeps its own noindex for search results etc.).
	 *
	 * @param array $robots Directives.
	 */
	public static function robots( $robots ) {
		$own = self::field( 'robots' );
		if ( null === $own ) {
			return $robots;
		}
		foreach ( explode( ',', $own ) as $directive ) {
			$parts = explode( ':', $directive, 2 );
			switch ( $parts[0] ) {
				case 'index':
					unset( $robots['noindex'] );
					break;
				case 'follow':
					unset( $robots['nofollow'] );
					break;
				case 'none':
					$robots['noindex']  = true;
					$robots['nofollow'] = true;
					break;
				case 'all':
					unset( $robots['noindex'], $robots['nofollow'] );
					break;
				default:
					$robots[ $parts[0] ] = isset( $parts[1] ) ? $parts[1] : true;
			}
		}
		return $robots;
	}

	/**
	 * Description, canonical and Open Graph tags.
	 */
	public static function print_tags(): void {
		$tags = array(
			array( 'name', 'description', self::field( 'description' ) ),
			array( 'property', 'og:title', self::field( 'og_title' ) ),
			array( 'property', 'og:description', self::field( 'og_description' ) ),
		);
		foreach ( $tags as list( $attr, $name, $content ) ) {
			if ( null !== $content ) {
				printf( "<meta %s=\"%s\" content=\"%s\" />\n", esc_attr( $attr ), esc_attr( $name ), esc_attr( $content ) );
			}
		}
		$canonical = self::field( 'canonical' );
		if ( null !== $canonical ) {
			printf( "<link rel=\"canonical\" href=\"%s\" />\n", esc_url( $canonical ) );
		}
	}

	/**
	 * The JSON-LD block, re-encoded so that it cannot close the script element.
	 */
	public static function print_json_ld(): void {
		$json = self::field( 'json_ld' );
		$data = null === $json ? null : json_decode( $json, true );
		if ( is_array( $data ) ) {
			printf(
				"<script type=\"application/ld+json\" class=\"seology-json-ld\">%s</script>\n",
				wp_json_encode( $data, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE | JSON_HEX_TAG | JSON_HEX_AMP )
			);
		}
	}

	/**
	 * A field of the object being shown.
	 *
	 * @param string $field One of Seology_Fields::FIELDS.
	 */
	private static function field( string $field ): ?string {
		if ( null === self::$context ) {
			return null;
		}
		list( $kind, $id ) = self::$context;
		if ( ! in_array( $field, Seology_Fields::writable( $kind ), true ) ) {
			return null;
		}
		return Seology_Fields::value( $kind, $id, $field );
	}

	/**
	 * What the main query shows: a post or page, a term archive, or the home page listing posts.
	 *
	 * @return array{0: string, 1: int}|null
	 */
	private static function current_context(): ?array {
		// Page 2 and later of a listing are other pages: the first page's description and title there would duplicate it.
		if ( is_paged() && ! is_singular() ) {
			return null;
		}
		if ( is_front_page() && is_home() ) {
			return array( 'home', 0 );
		}
		if ( is_singular() || is_home() ) {
			$id = (int) get_queried_object_id();
			return $id > 0 ? array( 'post', $id ) : null;
		}
		if ( is_category() || is_tag() || is_tax() ) {
			$id = (int) get_queried_object_id();
			return $id > 0 ? array( 'term', $id ) : null;
		}
		return null;
	}
}
