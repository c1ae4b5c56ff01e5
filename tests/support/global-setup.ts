import { existsSync } from 'node:fs';

/** Says once, plainly, which suites this run leaves out and why. */
export default function setup(): void {
  if (!process.env.HANDSET_TEST_MARIADB) {
    console.log('MariaDB suites skipped: HANDSET_TEST_MARIADB is not set (.ci/run sets it to mysql://root@127.0.0.1:3306)');
  }
  if (!existsSync('/usr/bin/chromium')) {
    console.log('Browser suites skipped: /usr/bin/chromium is missing (apt-get install -y chromium; .ci/run installs it)');
  }
}
