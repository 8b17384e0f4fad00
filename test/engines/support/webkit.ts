/**
 * WebKitGTK's MiniBrowser under WebKitWebDriver (Debian's webkit2gtk-driver), driven by
 * selenium-webdriver (4.46, the last release for Node 20) over classic WebDriver. WebKitGTK
 * has no headless mode, so an Xvfb of its own gives it a display; Xvfb and the driver each
 * lead a process group (the driver's group holds MiniBrowser and WebKit's web and network
 * processes), killed on close, on exit, and by the global teardown.
 */
import { Builder, type WebDriver } from 'selenium-webdriver';
import { freePort } from '../../support/free-port.js';
import { spawnGroup, type Group } from './processes.js';
import { runInPage, startContractSite, type ContractSite } from './page.js';
import { deadline, type CaseRequest, type CaseResult, type CaseRunner } from './suite.js';

export interface WebKitPaths {
  driver: string;
  miniBrowser: string;
  xvfb: string;
}

/** Starts Xvfb on the first free display it finds (-displayfd) and resolves with that display. */
async function startXvfb(xvfb: string): Promise<{ group: Group; display: string }> {
  const group = spawnGroup(xvfb, ['-displayfd', '1', '-screen', '0', '1280x1024x24', '-nolisten', 'tcp', '-nolisten', 'unix', '-noreset'], {
    stdio: ['ignore', 'pipe', 'pipe']
  });
  let text = '';
  const display = await deadline(
    new Promise<string>((resolve, reject) => {
      group.child.stdout!.on('data', (chunk: Buffer) => {
        text += chunk.toString();
        if (text.includes('\n')) resolve(`:${text.trim()}`);
      });
      group.child.once('exit', (code) => reject(new Error(`Xvfb exited (${code}): ${group.output()}`)));
    }),
    20_000,
    'Xvfb to choose a display'
  ).catch(async (error: unknown) => {
    await group.stop();
    throw error;
  });
  return { group, display };
}

/** Waits until the driver answers /status. */
async function driverReady(url: string, group: Group): Promise<void> {
  const end = Date.now() + 20_000;
  for (;;) {
    try {
      const response = await fetch(`${url}/status`);
      if (response.ok) return;
    } catch {
      // not listening yet
    }
    if (group.child.exitCode !== null) throw new Error(`WebKitWebDriver exited (${group.child.exitCode}): ${group.output()}`);
    if (Date.now() > end) throw new Error(`WebKitWebDriver did not answer on ${url}: ${group.output()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startWebKit(paths: WebKitPaths): Promise<CaseRunner> {
  let site: ContractSite | undefined;
  let xvfb: Group | undefined;
  let driverGroup: Group | undefined;
  let driver: WebDriver | undefined;
  const close = async (): Promise<void> => {
    await deadline(driver?.quit() ?? Promise.resolve(), 10_000, 'WebKit to quit').catch(() => undefined);
    await driverGroup?.stop();
    await xvfb?.stop();
    await site?.close();
  };
  try {
    site = await startContractSite();
    const x = await startXvfb(paths.xvfb);
    xvfb = x.group;
    const port = await freePort();
    driverGroup = spawnGroup(paths.driver, [`--port=${port}`, '--host=local'], {
      env: {
        ...process.env,
        DISPLAY: x.display,
        WAYLAND_DISPLAY: '',
        GDK_BACKEND: 'x11',
        LIBGL_ALWAYS_SOFTWARE: '1',
        WEBKIT_DISABLE_COMPOSITING_MODE: '1'
      }
    });
    const url = `http://127.0.0.1:${port}`;
    await driverReady(url, driverGroup);
    driver = await new Builder()
      .usingServer(url)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: paths.miniBrowser, args: ['--automation'] }
      })
      .build();
    const session = driver;
    await session.manage().setTimeouts({ script: 60_000, pageLoad: 30_000 });
    await session.get(site.url);
    const endReady = Date.now() + 20_000;
    while (!(await session.executeScript<boolean>('return document.body && document.body.dataset.ready === "true"'))) {
      if (Date.now() > endReady) throw new Error('the contract page did not get ready in WebKit');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return {
      async run(request: CaseRequest, timeout: number): Promise<CaseResult> {
        const script = `const done = arguments[arguments.length - 1]; (${runInPage.toString()})(arguments[0]).then(done, (e) => done({ ok: false, message: String(e) }));`;
        return deadline(session.executeAsyncScript<CaseResult>(script, request), timeout, `WebKit to run ${request.name}`);
      },
      close
    };
  } catch (error) {
    await close();
    throw error;
  }
}
