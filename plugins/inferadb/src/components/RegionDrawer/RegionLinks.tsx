import Link from '@material-ui/core/Link';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import Typography from '@material-ui/core/Typography';
import { useApi } from '@backstage/core-plugin-api';
import { stringifyEntityRef } from '@backstage/catalog-model';
import { catalogApiRef, EntityRefLink } from '@backstage/plugin-catalog-react';
import {
  FLEET_ANNOTATION,
  REGION_ANNOTATION,
} from '@internal/plugin-inferadb-common';
import useAsync from 'react-use/esm/useAsync';

/**
 * Links for a region: its catalog entity and whatever links that entity declares
 * (`metadata.links`: Grafana dashboards, runbooks, the Kubernetes console...). Links are
 * configured in the catalog, where the region's owners already keep them.
 */
export function RegionLinks(props: { fleet: string; region: string }) {
  const catalogApi = useApi(catalogApiRef);
  const { value: entities, error } = useAsync(
    async () =>
      (
        await catalogApi.getEntities({
          filter: {
            kind: 'Resource',
            [`metadata.annotations.${FLEET_ANNOTATION}`]: props.fleet,
            [`metadata.annotations.${REGION_ANNOTATION}`]: props.region,
          },
        })
      ).items,
    [props.fleet, props.region],
  );
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
        No catalog entity for this region. Register a Resource with the{' '}
        <code>{REGION_ANNOTATION}</code> annotation to link dashboards and
        runbooks here.
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
        (entity.metadata.links ?? []).map(link => (
          <ListItem
            key={`${stringifyEntityRef(entity)}-${link.url}`}
            disableGutters
          >
            <Link href={link.url} target="_blank" rel="noopener noreferrer">
              {link.title ?? link.url}
            </Link>
          </ListItem>
        )),
      )}
    </List>
  );
}
