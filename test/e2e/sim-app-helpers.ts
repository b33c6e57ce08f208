import { io, type Socket } from 'socket.io-client';
import { startApp, type RunningApp } from '../support/app-harness';

/** The app on the sim venue only, with a viewer key named `viewerName` to read it with. */
export async function startSimAppWithViewer(
  viewerName: string,
): Promise<{ running: RunningApp; viewerKey: string }> {
  const running = await startApp({ env: { EXCHANGES: 'sim' } });
  const res = await running.as().post('/v1/api-keys').send({ name: viewerName, role: 'viewer' }).expect(201);
  return { running, viewerKey: (res.body as { key: string }).key };
}

/** A socket.io client of the app's /v1/stream with the admin key, once connected (rejects with the connect_error). */
export async function connectStream(running: RunningApp): Promise<Socket> {
  const socket = io(`${running.baseUrl}/v1/stream`, {
    transports: ['websocket'],
    auth: { apiKey: running.adminKey },
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}
