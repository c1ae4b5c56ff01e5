/** Says once, plainly, which suites a run without MariaDB leaves out. */
export default function setup(): void {
  if (!process.env.HANDSET_TEST_MARIADB) {
    console.log('MariaDB suites skipped: HANDSET_TEST_MARIADB is not set (.ci/run sets it to mysql://root@127.0.0.1:3306)');
  }
}
