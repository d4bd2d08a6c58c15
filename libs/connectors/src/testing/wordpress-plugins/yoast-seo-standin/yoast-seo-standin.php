<?php
/**
 * Plugin Name: Yoast SEO (test stand-in)
 * Description: Reads the fields Yoast SEO stores and prints them as Yoast SEO does. For tests only.
 * Version:     21.0-standin
 *
 * Storage read, as documented by Yoast SEO: post meta `_yoast_wpseo_title`, `_yoast_wpseo_metadesc`,
 * `_yoast_wpseo_canonical`, `_yoast_wpseo_meta-robots-noindex` ("1" noindex, "2" index),
 * `_yoast_wpseo_meta-robots-nofollow` ("1"), `_yoast_wpseo_meta-robots-adv`,
 * `_yoast_wpseo_opengraph-title`, `_yoast_wpseo_opengraph-description`; terms in the option
 * `wpseo_taxonomy_meta[taxonomy][term_id]` (`wpseo_title`, `wpseo_desc`, `wpseo_canonical`,
 * `wpseo_noindex`, `wpseo_opengraph-title`, `wpseo_opengraph-description`); the home page listing posts
 * in the option `wpseo_titles` (`title-home-wpseo`, `metadesc-home-wpseo`, `open_graph_frontpage_title`,
 * `open_graph_frontpage_desc`).
 *
 * @package SeologyTests
 */

defined( 'ABSPATH' ) || exit;

define( 'WPSEO_VERSION', '21.0-standin' );

/**
 * The Yoast fields of what the main query shows.
 *
 * @return array<string, string>|null
 */
function yoast_standin_fields(): ?array {
	$nonempty = static function ( $v ): string {
		return is_string( $v ) ? $v : '';
	};
	if ( is_front_page() && is_home() ) {
		$o = get_option( 'wpseo_titles', array() );
		return array(
			'title'          => $nonempty( $o['title-home-wpseo'] ?? '' ),
			'description'    => $nonempty( $o['metadesc-home-wpseo'] ?? '' ),
			'canonical'      => home_url( '/' ),
			'robots'         => '',
			'og_title'       => $nonempty( $o['open_graph_frontpage_title'] ?? '' ),
			'og_description' => $nonempty( $o['open_graph_frontpage_desc'] ?? '' ),
		);
	}
	if ( is_singular() || is_home() ) {
		$id = (int) get_queried_object_id();
		if ( ! $id ) {
			return null;
		}
		$noindex  = get_post_meta( $id, '_yoast_wpseo_meta-robots-noindex', true );
		$nofollow = get_post_meta( $id, '_yoast_wpseo_meta-robots-nofollow', true );
		$adv      = get_post_meta( $id, '_yoast_wpseo_meta-robots-adv', true );
		$robots   = array();
		if ( '1' === $noindex ) {
			$robots[] = 'noindex';
		}
		if ( '1' === $nofollow ) {
			$robots[] = 'nofollow';
		}
		if ( is_string( $adv ) && '' !== $adv && 'none' !== $adv ) {
			$robots = array_merge( $robots, explode( ',', $adv ) );
		}
		$canonical = get_post_meta( $id, '_yoast_wpseo_canonical', true );
		return array(
			'title'          => (string) get_post_meta( $id, '_yoast_wpseo_title', true ),
			'description'    => (string) get_post_meta( $id, '_yoast_wpseo_metadesc', true ),
			'canonical'      => '' !== $canonical ? (string) $canonical : (string) get_permalink( $id ),
			'robots'         => implode( ',', $robots ),
			'og_title'       => (string) get_post_meta( $id, '_yoast_wpseo_opengraph-title', true ),
			'og_description' => (string) get_post_meta( $id, '_yoast_wpseo_opengraph-description', true ),
		);
	}
	if ( is_category() || is_tag() || is_tax() ) {
		$term = get_queried_object();
		if ( ! $term instanceof WP_Term ) {
			return null;
		}
		$all  = get_option( 'wpseo_taxonomy_meta', array() );
		$meta = $all[ $term->taxonomy ][ $term->term_id ] ?? array();
		$link = get_term_link( $term );
		return array(
			'title'          => $nonempty( $meta['wpseo_title'] ?? '' ),
			'description'    => $nonempty( $meta['wpseo_desc'] ?? '' ),
			'canonical'      => '' !== $nonempty( $meta['wpseo_canonical'] ?? '' ) ? $meta['wpseo_canonical'] : ( is_wp_error( $link ) ? '' : $link ),
			'robots'         => 'noindex' === ( $meta['wpseo_noindex'] ?? '' ) ? 'noindex' : '',
			'og_title'       => $nonempty( $meta['wpseo_opengraph-title'] ?? '' ),
			'og_description' => $nonempty( $meta['wpseo_opengraph-description'] ?? '' ),
		);
	}
	return null;
}

add_action(
	'wp',
	static function () {
		if ( is_admin() ) {
			return;
		}
		$fields = yoast_standin_fields();
		if ( null === $fields ) {
			return;
		}
		// Yoast SEO replaces WordPress's own canonical and takes over the title and robots.
		remove_action( 'wp_head', 'rel_canonical' );
		add_filter(
			'pre_get_document_title',
			static function ( $title ) use ( $fields ) {
				return '' !== $fields['title'] ? esc_html( $fields['title'] ) : $title;
			},
			15
		);
		add_filter(
			'wp_robots',
			static function ( $robots ) use ( $fields ) {
				foreach ( array_filter( explode( ',', $fields['robots'] ) ) as $d ) {
					$robots[ $d ] = true;
				}
				if ( empty( $robots['noindex'] ) ) {
					$robots['index'] = true;
				}
				if ( empty( $robots['nofollow'] ) ) {
					$robots['follow'] = true;
				}
				return $robots;
			}
		);
		add_action(
			'wp_head',
			static function () use ( $fields ) {
				$title = '' !== $fields['title'] ? $fields['title'] : wp_get_document_title();
				echo "<!-- This site is optimized with the Yoast SEO plugin v21.0-standin - https://yoast.com/wordpress/plugins/seo/ -->\n";
				if ( '' !== $fields['description'] ) {
					printf( "<meta name=\"description\" content=\"%s\" />\n", esc_attr( $fields['description'] ) );
				}
				if ( '' !== $fields['canonical'] ) {
					printf( "<link rel=\"canonical\" href=\"%s\" />\n", esc_url( $fields['canonical'] ) );
				}
				printf( "<meta property=\"og:title\" content=\"%s\" />\n", esc_attr( '' !== $fields['og_title'] ? $fields['og_title'] : wp_strip_all_tags( $title ) ) );
				$og_description = '' !== $fields['og_description'] ? $fields['og_description'] : $fields['description'];
				if ( '' !== $og_description ) {
					printf( "<meta property=\"og:description\" content=\"%s\" />\n", esc_attr( $og_description ) );
				}
				echo "<!-- / Yoast SEO plugin. -->\n";
			},
			1
		);
	}
);

add_action(
	'rest_api_init',
	static function () {
		register_rest_route(
			'yoast/v1',
			'/get_head',
			array(
				'methods'             => 'GET',
				'permission_callback' => '__return_true',
				'callback'            => static function () {
					return new WP_REST_Response( array( 'status' => 200 ) );
				},
			)
		);
	}
);
