import { AuthService, LoggerService } from '@backstage/backend-plugin-api';
import { CATALOG_FILTER_EXISTS } from '@backstage/catalog-client';
import { Entity } from '@backstage/catalog-model';
import {
  FLEET_ANNOTATION,
  FLEET_FILE_ANNOTATION,
  fleetFileUrlOf,
} from '@inferadb-regions/plugin-inferadb-common';
import type { CatalogService } from '@backstage/plugin-catalog-node';
import { FleetConfig, HealthConfig } from '../config/types';
import { fleetConfigOf } from './fleetConfigOf';

import { FleetFileError, FleetFileReader } from './FleetFileReader';

/** A fleet file to read, and what names it. */
interface FleetFileLocation {
  url: string;
  /** The fleet the naming System says it is, to catch disagreements. */
  expectedName?: string;
  /** Who names the file: a catalog entity or app-config. */
  origin: string;
}

/** What a collection works from: the fleets, and the fleet files that failed. */
export interface FleetListing {
  fleets: FleetConfig[];
  /** By fleet name (when known) or file URL. */
  errors: Map<string, FleetFileError>;
  /** Fleet name to the URL of its fleet file. */
  files: Map<string, string>;
}

/**
 * The fleets the backend collects: those app-config writes out, and those whose fleet file
 * a catalog System (`inferadb.io/fleet-file`) or app-config (`fleetFile`) names, read
 * again before every collection. A region added to a file is collected at the next
 * collection, a removed one drops out; a broken file keeps its last good fleet.
 */
export class FleetDirectory {
  private listing: FleetListing;

  constructor(
    private readonly options: {
      config: HealthConfig;
      files: FleetFileReader;
      logger: LoggerService;
      catalog?: CatalogService;
      auth?: AuthService;
    },
  ) {
    this.listing = {
      fleets: options.config.fleets,
      errors: new Map(),
      files: new Map(),
    };
  }

  fleets(): FleetConfig[] {
    return this.listing.fleets;
  }

  fleet(name: string): FleetConfig | undefined {
    return this.listing.fleets.find(f => f.name === name);
  }

  /** Why a fleet's file cannot be used right now (it may still have a last good fleet). */
  fileError(name: string): FleetFileError | undefined {
    return this.listing.errors.get(name);
  }

  /**
   * Names of fleets whose file cannot be used now, or undefined when some unusable file's
   * fleet is not even known by name (a file listed in app-config that was never read).
   */
  unreadableFleets(): string[] | undefined {
    const names = [...this.listing.errors.keys()];
    return names.some(name => /^https?:\/\//.test(name)) ? undefined : names;
  }

  fileUrl(name: string): string | undefined {
    return this.listing.files.get(name);
  }

  private async catalogLocations(): Promise<FleetFileLocation[]> {
    const { catalog, auth } = this.options;
    if (!catalog || !auth) return [];
    const { items } = await catalog.getEntities(
      {
        filter: {
          kind: 'System',
          [`metadata.annotations.${FLEET_FILE_ANNOTATION}`]:
            CATALOG_FILTER_EXISTS,
        },
      },
      { credentials: await auth.getOwnServiceCredentials() },
    );
    return items.flatMap((entity: Entity) => {
      const origin = `System '${entity.metadata.name}'`;
      try {
        return [
          {
            url: fleetFileUrlOf(entity),
            expectedName: entity.metadata.annotations?.[FLEET_ANNOTATION],
            origin,
          },
        ];
      } catch (error) {
        this.options.logger.warn(
          'InferaDB skips a fleet System whose fleet file it cannot locate',
          {
            origin,
            error: (error as Error).message,
          },
        );
        return [];
      }
    });
  }

  /** Reads every fleet file again (a 304 when unchanged) and rebuilds the listing. */
  async refresh(): Promise<void> {
    const { config, files, logger } = this.options;
    let fromCatalog: FleetFileLocation[] = [];
    try {
      fromCatalog = await this.catalogLocations();
    } catch (error) {
      // The catalog being down must not drop every fleet: keep the files already known.
      logger.warn('InferaDB could not list fleet Systems from the catalog', {
        error: (error as Error).message,
      });
      fromCatalog = [...this.listing.files.entries()].map(([name, url]) => ({
        url,
        expectedName: name,
        origin: 'the last listing',
      }));
    }
    const locations: FleetFileLocation[] = [
      ...config.fleetFiles.map(url => ({ url, origin: 'app-config' })),
      ...fromCatalog,
    ];
    const unique = [...new Map(locations.map(l => [l.url, l])).values()];
    files.retain(unique.map(l => l.url));
    const states = await Promise.all(unique.map(l => files.read(l.url)));

    const fleets = [...config.fleets];
    const errors = new Map<string, FleetFileError>();
    const urls = new Map<string, string>();
    unique.forEach((location, i) => {
      const state = states[i];
      const name = state.fleet?.metadata.name ?? location.expectedName;
      const key = name ?? location.url;
      if (
        state.fleet &&
        location.expectedName &&
        location.expectedName !== state.fleet.metadata.name
      ) {
        errors.set(location.expectedName, {
          url: location.url,
          message: `${location.origin} says fleet '${location.expectedName}', but the file is fleet '${state.fleet.metadata.name}': make ${FLEET_ANNOTATION} and the file's metadata.name agree`,
          field: 'metadata.name',
        });
        return;
      }
      if (state.error) errors.set(key, state.error);
      if (name) urls.set(name, location.url);
      if (state.fleet && !fleets.some(f => f.name === name)) {
        fleets.push(fleetConfigOf(state.fleet, config.prometheus));
      }
    });
    this.listing = { fleets, errors, files: urls };
  }
}
