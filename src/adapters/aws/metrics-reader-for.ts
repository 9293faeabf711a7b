import type { AwsSettings } from '../../config.js';
import type { MeasureSource } from '../../core/metrics/measure-request.js';
import type { MetricsReader } from '../../core/metrics/metric-types.js';
import { createCloudWatchMetricsReader } from './cloudwatch-metrics-reader.js';

// The metrics port as every front end gets it, composed in one place from the
// AWS settings src/config.ts read (AWS_REGION, AWS_PROFILE, the endpoint
// overrides): the terminal's `assess --from` and the chat platforms alike.

/** A reader for the region asked for; undefined = the configured (or the profile's) region. */
export function metricsReaderFor(aws: AwsSettings): (region: string | undefined) => MetricsReader {
  return (region) => createCloudWatchMetricsReader({ ...aws, region: region ?? aws.region });
}

/** What a chat platform reads a measurement request with. */
export function measureSourceFor(aws: AwsSettings): MeasureSource {
  const readerFor = metricsReaderFor(aws);
  return (request) => readerFor(request.region ?? undefined).read(request.source, request.window);
}
