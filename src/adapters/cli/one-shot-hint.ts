// A one-shot command prints the card and exits: there is no Show the math to
// press, so the card points at the flags that print the arithmetic instead.

export const ONE_SHOT_MATH_HINT = 'The arithmetic behind each cost and every assumption: run it again with --markdown or --json.';
