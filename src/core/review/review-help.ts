/** What can be said in a review thread. */
export function reviewHelpText(): { title: string; text: string } {
  return {
    title: 'Design review: what you can say in this thread',
    text: [
      'add image pipeline: resize uploads, 2 s, 3k/day   - add a component (or paste a list, one "name: what it does" per line)',
      'image pipeline takes 20 min now                    - change a component (start with its name)',
      'remove image pipeline                              - remove one',
      'measure image pipeline from lambda resize-images [region] - its traffic measured by CloudWatch instead of guessed (also from apigw <api-id> <stage>, alb <load-balancer-name>, sqs <queue>)',
      'a serverless.yml, SAM/CloudFormation, cdk.out template or .tf file dropped here - every function and service becomes a component; drop a changed one to see what changed',
      'assume defaults for the rest                       - every open question at its stated default, in one answer',
      'what if all traffic triples / what if image pipeline traffic doubles - a what-if; nothing is changed',
      'summary - repost the card   history - who changed what, when   close - freeze the review with a final card',
      'Answers without a name go to the component whose question is at the bottom of the thread (the first one still being interviewed); to answer for another, start with its name ("search api: 200 req/s").',
    ].join('\n'),
  };
}
