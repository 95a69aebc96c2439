/** Helpers for tests that drive the emulator with the real SDK. */
import {
  CreateResourceCommand,
  GetResourceRequestStatusCommand,
  type CloudControlClient,
  type ProgressEvent,
} from '@aws-sdk/client-cloudcontrol';

/** Polls a request until it leaves PENDING/IN_PROGRESS, as a client honouring the protocol would. */
export async function settle(client: CloudControlClient, token: string, maxPolls = 20): Promise<ProgressEvent> {
  for (let i = 0; i < maxPolls; i += 1) {
    const { ProgressEvent: event } = await client.send(new GetResourceRequestStatusCommand({ RequestToken: token }));
    if (event && event.OperationStatus !== 'IN_PROGRESS' && event.OperationStatus !== 'PENDING') return event;
  }
  throw new Error(`Request ${token} did not settle in ${maxPolls} polls`);
}

/** Creates a resource and waits for the request to settle. */
export async function createAndSettle(
  client: CloudControlClient,
  typeName: string,
  desired: Record<string, unknown>,
): Promise<ProgressEvent> {
  const { ProgressEvent: event } = await client.send(
    new CreateResourceCommand({ TypeName: typeName, DesiredState: JSON.stringify(desired) }),
  );
  return settle(client, event!.RequestToken!);
}

export const IMAGE = 'AWS::SageMaker::Image';
export const IMAGE_VERSION = 'AWS::SageMaker::ImageVersion';
export const ROLE_ARN = 'arn:aws:iam::123456789012:role/r';
