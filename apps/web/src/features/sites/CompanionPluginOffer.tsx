/** The Seology plugin for WordPress, as the API serves it (the same zip for every site). */
export const COMPANION_PLUGIN_ZIP = '/api/integrations/wordpress/plugin.zip';

/**
 * Offers the Seology plugin where WordPress itself does not let Seology write a field (descriptions,
 * canonical, robots, Open Graph, JSON-LD, redirects): the zip and how to install it.
 */
export function CompanionPluginOffer({ fields }: { fields?: string[] }) {
  return (
    <div className="companion-offer">
      <p className="companion-offer__lead">
        {fields?.length ? `WordPress does not let Seology change ${fields.join(', ')} by itself. ` : ''}
        The Seology plugin for WordPress adds them (and works with Yoast SEO or Rank Math when one is active).
      </p>
      <ol className="companion-offer__steps">
        <li>
          <a href={COMPANION_PLUGIN_ZIP} download>
            Download the Seology plugin (zip)
          </a>
        </li>
        <li>In WordPress, open Plugins › Add New › Upload Plugin, choose the zip and click Install Now.</li>
        <li>Click Activate.</li>
        <li>Back here, check the connection again: it lists what Seology can change now.</li>
      </ol>
    </div>
  );
}
