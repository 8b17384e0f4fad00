// The guide's Jest examples, in Node's environment and in jsdom's (miniprogram-simulate needs jsdom).
// Nothing here is for minisocket: a project's own Jest config needs no entry for it.
const jsdom = process.env.JEST_JSDOM_ENVIRONMENT || 'jsdom';
module.exports = {
  rootDir: __dirname,
  projects: [
    { displayName: 'node', rootDir: __dirname, testEnvironment: 'node', testMatch: ['<rootDir>/jest/kicked.test.cjs', '<rootDir>/jest/entry.test.cjs'] },
    { displayName: 'jsdom', rootDir: __dirname, testEnvironment: jsdom, testMatch: ['<rootDir>/jest/*.test.cjs'] }
  ]
};
