/*
 * The benchmark backend of the page figures (`yarn bench discovery`): the
 * same features as benchBackend.ts, plus what the built frontend needs to
 * run as it does in the portal: the app plugin serving packages/app/dist
 * on the backend's own origin, the guest sign-in, and the backends of the
 * plugins every page of the app calls (user settings for the storage API,
 * notifications and signals for the sidebar). One server for both the
 * data mesh page and the catalog page it is compared with.
 */
import { createBackend } from '@backstage/backend-defaults';
import { addBenchFeatures } from './benchFeatures';

const backend = createBackend();
addBenchFeatures(backend);
backend.add(import('@backstage/plugin-app-backend'));
backend.add(import('@backstage/plugin-auth-backend'));
backend.add(import('@backstage/plugin-auth-backend-module-guest-provider'));
backend.add(import('@backstage/plugin-user-settings-backend'));
backend.add(import('@backstage/plugin-events-backend'));
backend.add(import('@backstage/plugin-signals-backend'));
backend.add(import('@backstage/plugin-notifications-backend'));
backend.start();
