<?php
/**
 * Plugin Name: Rank Math SEO (test stand-in)
 * Description: Reads the fields Rank Math stores and prints them as Rank Math does. For tests only.
 * Version:     1.0.200-standin
 *
 * Storage read, as documented by Rank Math: post and term meta `rank_math_title`,
 * `rank_math_description`, `rank_math_canonical_url`, `rank_math_robots` (an array of directives),
 * `rank_math_facebook_title`, `rank_math_facebook_description`; the home page listing posts in the
 * option `rank-math-options-titles` (`homepage_title`, `homepage_description`, `homepage_robots` when
 * `homepage_custom_robots` is "on", `homepage_facebook_title`, `homepage_facebook_description`).
 *
 * @package SeologyTests
 */

defined( 'ABSPATH' ) || exit;

define( 'RANK_MATH_VERSION', '1.0.200-standin' );

/**
 * The Rank Math fields of what the main query shows.
 *
 * @return array{title: string, description: string, canonical: string, robots: string[], og_title: string, og_description: string}|null
 */
function rank_math_standin_fields(): ?array {
	$text = static function ( $v ): string {
		return is_string( $v ) ? $v : '';
	};
	if ( is_front_page() && is_home() ) {
		$o = get_option( 'rank-math-options-titles', array() );
		return array(
			'title'          => $text( $o['homepage_title'] ?? '' ),
			'description'    => $text( $o['homepage_description'] ?? '' ),
			'canonical'      => home_url( '/' ),
			'robots'         => 'on' === ( $o['homepage_custom_robots'] ?? '' ) && is_array( $o['homepage_robots'] ?? null ) ? $o['homepage_robots'] : array(),
			'og_title'       => $text( $o['homepage_facebook_title'] ?? '' ),
			'og_description' => $text( $o['homepage_facebook_description'] ?? '' ),
		);
	}
	$object = get_queried_object();
	if ( ( is_singular() || is_home() ) && $object instanceof WP_Post ) {
		$type    = 'post';
		$id      = $object->ID;
		$default = (string) get_permalink( $object );
	} elseif ( ( is_category() || is_tag() || is_tax() ) && $object instanceof WP_Term ) {
		$type    = 'term';
		$id      = $object->term_id;
		$link    = get_term_link( $object );
		$default = is_wp_error( $link ) ? '' : $link;
	} else {
		return null;
	}
	$robots    = get_metadata( $type, $id, 'rank_math_robots', true );
	$canonical = $text( get_metadata( $type, $id, 'rank_math_canonical_url', true ) );
	return array(
		'title'          => $text( get_metadata( $type, $id, 'rank_math_title', true ) ),
		'description'    => $text( get_metadata( $type, $id, 'rank_math_description', true ) ),
		'canonical'      => '' !== $canonical ? $canonical : $default,
		'robots'         => is_array( $robots ) ? array_map( 'strval', $robots ) : array(),
		'og_title'       => $text( get_metadata( $type, $id, 'rank_math_facebook_title', true ) ),
		'og_description' => $text( get_metadata( $type, $id, 'rank_math_facebook_description', true ) ),
	);
}

add_action(
	'wp',
	static function () {
		if ( is_admin() ) {
			return;
		}
		$fields = rank_math_standin_fields();
		if ( null === $fields ) {
			return;
		}
		// Rank Math prints its own canonical and robots tags instead of WordPress's.
		remove_action( 'wp_head', 'rel_canonical' );
		remove_action( 'wp_head', 'wp_robots', 1 );
		add_filter(
			'pre_get_document_title',
			static function ( $title ) use ( $fields ) {
				return '' !== $fields['title'] ? esc_html( $fields['title'] ) : $title;
			},
			15
		);
		add_action(
			'wp_head',
			static function () use ( $fields ) {
				$robots = $fields['robots'];
				if ( ! in_array( 'noindex', $robots, true ) && ! in_array( 'index', $robots, true ) ) {
					$robots[] = 'index';
				}
				if ( ! in_array( 'nofollow', $robots, true ) && ! in_array( 'follow', $robots, true ) ) {
					array_unshift( $robots, 'follow' );
				}
				echo "<!-- Search Engine Optimization by Rank Math - https://rankmath.com/ -->\n";
				if ( '' !== $fields['description'] ) {
					printf( "<meta name=\"description\" content=\"%s\"/>\n", esc_attr( $fields['description'] ) );
				}
				printf( "<meta name=\"robots\" content=\"%s\"/>\n", esc_attr( implode( ', ', $robots ) ) );
				if ( '' !== $fields['canonical'] ) {
					printf( "<link rel=\"canonical\" href=\"%s\" />\n", esc_url( $fields['canonical'] ) );
				}
				$title = '' !== $fields['title'] ? $fields['title'] : wp_get_document_title();
				printf( "<meta property=\"og:title\" content=\"%s\" />\n", esc_attr( '' !== $fields['og_title'] ? $fields['og_title'] : wp_strip_all_tags( $title ) ) );
				$og_description = '' !== $fields['og_description'] ? $fields['og_description'] : $fields['description'];
				if ( '' !== $og_description ) {
					printf( "<meta property=\"og:description\" content=\"%s\" />\n", esc_attr( $og_description ) );
				}
				echo "<!-- /Rank Math WordPress SEO plugin -->\n";
			},
			1
		);
	}
);

add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'rankmath/v1',
			'/getHead',
			array(
				'methods'             => 'GET',
				'permission_callback' => '__return_true',
				'callback'            => static function () {
					return new WP_REST_Response( array( 'success' => true ) );
				},
			)
		);
	}
);
