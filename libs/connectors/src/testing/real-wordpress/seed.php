<?php
/**
 * Gives a fresh install the content a site owner would have (run through bootstrap.php after
 * install.php): categories, posts (some with an image in the content, one with a featured image),
 * pages, images with and without alt text, threaded comments, the permalink structure, plugins and
 * an application password for the administrator.
 */

/** A valid RGB PNG without GD (not installed with php-cli): IHDR, one zlib-compressed IDAT, IEND. */
function real_wp_png(int $width, int $height, array $rgb): string
{
    $chunk = fn (string $type, string $data) => pack('N', strlen($data)) . $type . $data . pack('N', crc32($type . $data));
    $row = "\0" . str_repeat(pack('C3', ...$rgb), $width);
    return "\x89PNG\r\n\x1a\n"
        . $chunk('IHDR', pack('NNCCCCC', $width, $height, 8, 2, 0, 0, 0))
        . $chunk('IDAT', gzcompress(str_repeat($row, $height)))
        . $chunk('IEND', '');
}

function real_wp_image(string $name, string $title, ?string $alt, array $rgb, int $parent = 0): array
{
    $upload = wp_upload_bits($name, null, real_wp_png(64, 48, $rgb));
    if (!empty($upload['error'])) {
        throw new RuntimeException('Upload failed: ' . $upload['error']);
    }
    $id = wp_insert_attachment(['post_mime_type' => 'image/png', 'post_title' => $title, 'post_status' => 'inherit', 'post_content' => ''], $upload['file'], $parent, true);
    if (is_wp_error($id)) {
        throw new RuntimeException($id->get_error_message());
    }
    wp_update_attachment_metadata($id, wp_generate_attachment_metadata($id, $upload['file']));
    if ($alt !== null) {
        update_post_meta($id, '_wp_attachment_image_alt', $alt);
    }
    return ['id' => $id, 'url' => wp_get_attachment_url($id), 'link' => get_permalink($id), 'title' => $title, 'alt' => $alt];
}

function real_wp_insert(array $post): int
{
    $id = wp_insert_post(wp_slash($post), true);
    if (is_wp_error($id)) {
        throw new RuntimeException($id->get_error_message());
    }
    return $id;
}

update_option('blogdescription', $input['tagline']);
// Through $wp_rewrite, not update_option(), so that the permalinks returned below use the structure.
$wp_rewrite->set_permalink_structure($input['permalinkStructure']);
update_option('posts_per_page', 10);
update_option('thread_comments', 1);
update_option('comment_moderation', 0);
update_option('comment_previously_approved', 0);
flush_rewrite_rules(false);

$categories = [];
foreach (['News', 'Guides'] as $name) {
    $term = wp_insert_term($name, 'category');
    if (is_wp_error($term)) {
        throw new RuntimeException($term->get_error_message());
    }
    $categories[] = ['id' => (int) $term['term_id'], 'name' => $name, 'link' => get_category_link((int) $term['term_id'])];
}

$images = [];
$images[] = real_wp_image('trail-map.png', 'Trail map', null, [40, 120, 60]);
$images[] = real_wp_image('tent-pitched.png', 'Tent pitched', 'A green tent pitched by a lake', [200, 180, 40]);
$images[] = real_wp_image('camp-stove.png', 'Camp stove', '', [150, 40, 30]);

$topics = ['Choosing a tent for windy ridges', 'Packing light for a weekend', 'Water filters compared', 'Layering for cold nights', 'Reading a trail map', 'Cooking on a camp stove', 'Leave no trace in practice', 'Keeping a sleeping bag dry', 'First aid for blisters', 'Planning a loop hike', 'Hiking with children', 'Winter camping basics'];
$posts = [];
$count = max(0, (int) $input['posts']);
for ($i = 0; $i < $count; $i++) {
    $title = $topics[$i % count($topics)] . ($i >= count($topics) ? ' ' . ($i + 1) : '');
    $paragraphs = "<!-- wp:paragraph -->\n<p>$title: what we learned on the trail this season, with the gear we would take again and the mistakes we would not repeat.</p>\n<!-- /wp:paragraph -->\n\n<!-- wp:paragraph -->\n<p>Start early, check the forecast twice and tell someone where you are going.</p>\n<!-- /wp:paragraph -->";
    if ($i < count($images)) {
        $img = $images[$i];
        $alt = esc_attr((string) $img['alt']);
        $paragraphs .= "\n\n<!-- wp:image {\"id\":{$img['id']},\"sizeSlug\":\"full\"} -->\n<figure class=\"wp-block-image size-full\"><img src=\"{$img['url']}\" alt=\"$alt\" class=\"wp-image-{$img['id']}\"/></figure>\n<!-- /wp:image -->";
    }
    $id = real_wp_insert([
        'post_type' => 'post',
        'post_status' => 'publish',
        'post_title' => $title,
        'post_content' => $paragraphs,
        'post_excerpt' => '',
        // One per day going back, so archives and paging have a stable order.
        'post_date' => gmdate('Y-m-d H:i:s', strtotime('2024-05-20 10:00:00') - $i * 86400),
        'post_category' => [$categories[$i % 2]['id']],
    ]);
    if ($i === 0) {
        set_post_thumbnail($id, $images[1]['id']);
    }
    if ($i < count($images)) {
        wp_update_post(['ID' => $images[$i]['id'], 'post_parent' => $id]);
    }
    $posts[] = ['id' => $id, 'title' => $title, 'link' => get_permalink($id)];
}

$pages = [];
foreach ([['About us', 'about-us', 'We are a small shop that sells tents and the gear to go with them.'], ['Contact', 'contact', 'Write to us, or visit the shop on weekdays from nine to five.']] as [$title, $slug, $text]) {
    $id = real_wp_insert(['post_type' => 'page', 'post_status' => 'publish', 'post_title' => $title, 'post_name' => $slug, 'post_content' => "<!-- wp:paragraph -->\n<p>$text</p>\n<!-- /wp:paragraph -->"]);
    $pages[] = ['id' => $id, 'title' => $title, 'link' => get_permalink($id)];
}
$sample = get_page_by_path('sample-page');
if ($sample) {
    array_unshift($pages, ['id' => $sample->ID, 'title' => $sample->post_title, 'link' => get_permalink($sample->ID)]);
}

$comments = [];
$hello = get_page_by_path('hello-world', OBJECT, 'post');
$commentPost = $posts ? $posts[0]['id'] : ($hello ? $hello->ID : 0);
if ($commentPost) {
    $first = wp_insert_comment(['comment_post_ID' => $commentPost, 'comment_author' => 'Dana', 'comment_author_email' => 'dana@example.org', 'comment_content' => 'Which tent did you take in the end?', 'comment_approved' => 1]);
    $reply = wp_insert_comment(['comment_post_ID' => $commentPost, 'comment_author' => 'Sam', 'comment_author_email' => 'sam@example.org', 'comment_content' => 'The two-person one, it held up well.', 'comment_parent' => $first, 'comment_approved' => 1]);
    $comments = [['id' => $first, 'postId' => $commentPost], ['id' => $reply, 'postId' => $commentPost]];
}

foreach ($input['plugins'] as $plugin) {
    $candidates = array_keys(get_plugins('/' . $plugin));
    if (!$candidates) {
        throw new RuntimeException("No plugin header found in wp-content/plugins/$plugin");
    }
    $activated = activate_plugin($plugin . '/' . $candidates[0]);
    if (is_wp_error($activated)) {
        throw new RuntimeException("Activating $plugin failed: " . $activated->get_error_message());
    }
}

[$applicationPassword] = WP_Application_Passwords::create_new_application_password((int) $input['userId'], ['name' => 'Seology']);

return [
    'applicationPassword' => $applicationPassword,
    'content' => [
        'posts' => $posts,
        'pages' => $pages,
        'images' => $images,
        'categories' => $categories,
        'comments' => $comments,
        'helloWorldId' => $hello ? $hello->ID : null,
    ],
];
