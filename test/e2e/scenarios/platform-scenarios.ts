import { afterEach, describe, it } from 'vitest';
import type { PlatformDriver } from './platform-driver.js';
import type { AppOptions } from './serve-app.js';
import { helpHistoryAndForgetMeAnswerPrivately } from './assessment-scenarios.js';
import { digestSubCommandsAnswerOnlyTheAsker, THURSDAY_26_NOVEMBER, weeklyDigestLinksTheAssessment } from './digest-scenarios.js';
import { fiveComponentsTwoPeopleAndARestart, reviewsListedPrivatelyAndReopenedById } from './review-scenarios.js';
import { measuredAssessmentInChat, measuredComponentInAReview, measuringFailuresAnswerOnlyTheAsker, startAwsScene, type AwsScene } from './measure-scenarios.js';
import { templateDroppedIntoAReviewAndDroppedAgain } from './template-scenarios.js';

// Every shared scenario against one platform's driver; each on an app of its
// own (a fresh database), as the tests they replace each had.

/** The app keeps a clock a day behind: its subscriptions are made before today's digest slot, which the scheduler (on the real clock) then posts. */
const A_DAY_AGO = { now: () => new Date(Date.now() - 24 * 3600_000) };

/** What a platform offers beyond the common contract; Echo Chat's people cannot share files. */
export interface PlatformFeatures {
  files?: boolean;
}

export function platformScenarios(title: string, start: (options: AppOptions) => Promise<PlatformDriver>, features: PlatformFeatures = {}): void {
  describe(`${title}: the shared platform scenarios`, () => {
    let driver: PlatformDriver | null = null;
    const run = (scenario: (d: PlatformDriver) => Promise<void>, options: AppOptions = {}) => async () => {
      driver = await start(options);
      await scenario(driver);
    };
    afterEach(async () => {
      await driver?.close();
      driver = null;
    }, 30_000);

    it('a design review: five components, two people, a form, a restart; the card stays current and its totals add up', run(fiveComponentsTwoPeopleAndARestart), 60_000);
    if (features.files) {
      it('a template file dropped into a review: hostile files refused, components interviewed for traffic only, a changed template diffed', run(templateDroppedIntoAReviewAndDroppedAgain), 60_000);
    }
    it('design reviews are listed privately and reopened by id', run(reviewsListedPrivatelyAndReopenedById), 30_000);
    it('help, history and forget-me answer only the asker', run(helpHistoryAndForgetMeAnswerPrivately), 30_000);
    it('the digest sub-commands answer only the asker, and refuse what they cannot read', run(digestSubCommandsAnswerOnlyTheAsker, { clock: THURSDAY_26_NOVEMBER }), 30_000);
    it('an assessment ends in a card, and the weekly digest posted by the scheduler links to its thread', run(weeklyDigestLinksTheAssessment, { clock: A_DAY_AGO }), 30_000);

    describe('measured from CloudWatch (a fake AWS endpoint, the real SDK)', () => {
      let aws: AwsScene | null = null;
      const measured = (scenario: (d: PlatformDriver, aws: AwsScene) => Promise<void>) => async () => {
        aws = await startAwsScene();
        const scene = aws;
        await run((d) => scenario(d, scene), aws.options)();
      };
      afterEach(async () => {
        await driver?.close();
        driver = null;
        await aws?.close();
        aws = null;
      }, 30_000);

      it('assess from lambda: the measured card in a thread of its own, saved like any assessment', measured(measuredAssessmentInChat), 30_000);
      it('measure <component> from lambda in a design review: traffic and cost before and after, the summary updated', measured((d) => measuredComponentInAReview(d)), 30_000);
      it('each failure to measure is one sentence to the asker only, and nothing is saved', measured(measuringFailuresAnswerOnlyTheAsker), 60_000);
    });
  });
}
