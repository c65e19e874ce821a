module.exports = require('@backstage/cli/config/eslint-factory')(__dirname, {
  // The templates' skeletons are the code of generated repositories, with
  // their own package.json: not this package's code.
  ignorePatterns: ['templates/'],
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
