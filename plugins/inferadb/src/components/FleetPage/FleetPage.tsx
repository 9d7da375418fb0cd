import { Content, Header, Page } from '@backstage/core-components';
import { FleetPageContent } from './FleetPageContent';

/**
 * The fleet page of the legacy frontend system, with its own header. The new frontend
 * system renders {@link FleetPageContent} under the app's page header instead.
 */
export function FleetPage(props: { pollIntervalMs?: number }) {
  return (
    <Page themeId="tool">
      <Header
        title="InferaDB"
        subtitle="Health of every region of every InferaDB fleet"
      />
      <Content>
        <FleetPageContent pollIntervalMs={props.pollIntervalMs} />
      </Content>
    </Page>
  );
}
