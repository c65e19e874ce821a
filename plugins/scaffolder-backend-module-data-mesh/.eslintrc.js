module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  rules: {
    // Tests assert through helpers that check the error and that nothing
    // was created.
    'jest/expect-expect': [
      'warn',
      {
        assertFunctionNames: ['expect', 'expectRefused', 'expectNotPublished'],
      },
    ],
  },
});
