import HomeIcon from '@material-ui/icons/Home';
import {
  createFrontendModule,
  PageBlueprint,
} from '@backstage/frontend-plugin-api';

/** The landing page after sign-in, at `/`. */
const homePage = PageBlueprint.make({
  name: 'home',
  params: {
    path: '/',
    title: 'Home',
    icon: <HomeIcon />,
    loader: () => import('./HomePage').then(m => <m.HomePage />),
  },
});

export const homeModule = createFrontendModule({
  pluginId: 'app',
  extensions: [homePage],
});
