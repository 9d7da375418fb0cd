import Grid from '@material-ui/core/Grid';
import List from '@material-ui/core/List';
import ListItem from '@material-ui/core/ListItem';
import ListItemText from '@material-ui/core/ListItemText';
import Typography from '@material-ui/core/Typography';
import { Content, InfoCard, Link } from '@backstage/core-components';
import { InferadbFleetsCard } from '@inferadb-regions/plugin-inferadb';

const TEMPLATES = [
  [
    'inferadb-new-region',
    'Add a region',
    'config, Tailscale key and pull request',
  ],
  ['inferadb-remove-region', 'Remove a region', 'and the changes it implies'],
  ['inferadb-rotate-auth-key', "Rotate a region's Tailscale auth key", ''],
];

const DOCS = [
  ['getting-started', 'Getting started', 'a walk through the demo'],
  ['health', 'Health', 'what each status and check means'],
  ['templates', 'Templates', 'what each template changes'],
  ['installing', 'Installing', 'into your own Backstage app'],
];

function LinkList(props: { items: string[][]; href: (id: string) => string }) {
  return (
    <List dense disablePadding>
      {props.items.map(([id, title, detail]) => (
        <ListItem key={id} disableGutters>
          <ListItemText
            primary={<Link to={props.href(id)}>{title}</Link>}
            secondary={detail || undefined}
          />
        </ListItem>
      ))}
    </List>
  );
}

/** The demo portal's landing page: the fleets at a glance, what to do, what to read. */
export function HomePage() {
  return (
    <Content>
      <Typography variant="body1" paragraph>
        The demo fleet <code>inferadb-demo</code> runs on emulated Kubernetes
        clusters, Prometheus and a Tailscale tailnet on this machine. Open a
        fleet for its regions, or start a template.
      </Typography>
      <Grid container spacing={3}>
        <Grid item xs={12} md={8}>
          <InferadbFleetsCard />
        </Grid>
        <Grid item xs={12} md={4}>
          <InfoCard
            title="Templates"
            deepLink={{ title: 'All templates', link: '/create' }}
          >
            <LinkList
              items={TEMPLATES}
              href={id => `/create/templates/default/${id}`}
            />
          </InfoCard>
          <br />
          <InfoCard
            title="Documentation"
            deepLink={{
              title: 'All documentation',
              link: '/docs/default/system/inferadb-regions',
            }}
          >
            <LinkList
              items={DOCS}
              href={id => `/docs/default/system/inferadb-regions/${id}/`}
            />
          </InfoCard>
        </Grid>
      </Grid>
    </Content>
  );
}
