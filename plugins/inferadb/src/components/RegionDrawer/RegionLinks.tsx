import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { Link } from '@backstage/core-components';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  belongsToFleet,
  FLEET_ANNOTATION,
  REGION_ANNOTATION,
} from '@inferadb-regions/plugin-inferadb-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * A link an entity declares, when it may become an `href`: `http(s)` or relative to the
 * portal. `javascript:`, `data:` and other schemes are dropped.
 */
export function safeHref(url: string): string | undefined {
  try {
    const parsed = new URL(url, window.location.origin);
    return ['http:', 'https:'].includes(parsed.protocol) ? url : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Links for a region: its catalog entity and whatever links that entity declares
 * (`metadata.links`: Grafana dashboards, runbooks, the Kubernetes console...). Links are
 * configured in the catalog, where the region's owners already keep them; only entities
 * that belong to the fleet's System (same location, see `belongsToFleet`) add any.
 */
export function RegionLinks(props: { fleet: string; region: string }) {
  const catalogApi = useApi(catalogApiRef);
  const { value: entities, error } = useAsync(async () => {
    const [systems, regions] = await Promise.all([
      catalogApi.getEntities({
        filter: {
          kind: 'System',
          [`metadata.annotations.${FLEET_ANNOTATION}`]: props.fleet,
        },
      }),
      catalogApi.getEntities({
        filter: {
          kind: 'Resource',
          [`metadata.annotations.${REGION_ANNOTATION}`]: props.region,
        },
      }),
    ]);
    return regions.items.filter(region =>
      systems.items.some(system => belongsToFleet(region, system)),
    );
  }, [props.fleet, props.region]);
  if (error) {
    return (
      <Typography variant="body2" color="textSecondary">
        Catalog links unavailable: {error.message}
      </Typography>
    );
  }
  if (!entities) return null;
  if (entities.length === 0) {
    return (
      <Typography variant="body2" color="textSecondary">
        No catalog entity of this fleet for this region. Register a Resource
        with the <code>{REGION_ANNOTATION}</code> annotation and the fleet's
        System as <code>spec.system</code>, beside the System, to link
        dashboards and runbooks here.
      </Typography>
    );
  }
  return (
    <List dense disablePadding>
      {entities.map(entity => (
        <ListItem key={stringifyEntityRef(entity)} disableGutters>
          <EntityRefLink entityRef={entity} />
        </ListItem>
      ))}
      {entities.flatMap(entity =>
        (entity.metadata.links ?? []).flatMap(link => {
          const href = safeHref(link.url);
          return href
            ? [
                <ListItem
                  key={`${stringifyEntityRef(entity)}-${link.url}`}
                  disableGutters
                >
                  <Link to={href} target="_blank" rel="noopener noreferrer">
                    {link.title ?? link.url}
                  </Link>
                </ListItem>,
              ]
            : [];
        }),
      )}
    </List>
  );
}
