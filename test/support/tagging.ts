/** A small estate for the Tagging API tests: tagged resources across types, regions and accounts. */
import type { SeedDocument } from '../../src/emulator/index.js';

const ROLE = 'arn:aws:iam::123456789012:role/sagemaker';

/** Two tagged buckets (one in eu-west-1), a tagged and an untagged SageMaker image, a tagged VPC, and one in another account. */
export const TAGGED_ESTATE: SeedDocument = {
  resources: [
    { TypeName: 'AWS::S3::Bucket', Region: 'us-east-1', Properties: { BucketName: 'logs', Tags: [{ Key: 'team', Value: 'data' }, { Key: 'env', Value: 'prod' }] } },
    { TypeName: 'AWS::S3::Bucket', Region: 'eu-west-1', Properties: { BucketName: 'eu-logs', Tags: [{ Key: 'team', Value: 'data' }] } },
    { TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'tagged', ImageRoleArn: ROLE, Tags: [{ Key: 'team', Value: 'ml' }] } },
    { TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Properties: { ImageName: 'untagged', ImageRoleArn: ROLE } },
    { TypeName: 'AWS::EC2::VPC', Region: 'us-east-1', Properties: { CidrBlock: '10.0.0.0/16', Tags: [{ Key: 'env', Value: 'dev' }] } },
    { TypeName: 'AWS::SageMaker::Image', Region: 'us-east-1', Account: '210987654321', Properties: { ImageName: 'theirs', ImageRoleArn: ROLE, Tags: [{ Key: 'team', Value: 'other' }] } },
  ],
};
