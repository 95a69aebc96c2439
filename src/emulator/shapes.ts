/**
 * The real shapes of well-known generated values, where a schema's pattern does not say: ARNs of
 * common types (S3's has no region or account, SQS's and SNS's no resource prefix…), EC2 id prefixes,
 * service URLs. Everything else is derived from property names and patterns in identifiers.ts.
 */

export interface ShapeContext {
  readonly region: string;
  readonly account: string;
  readonly name: string;
}

type ArnShape = (ctx: ShapeContext) => string;

const ARN_SHAPES: Readonly<Record<string, ArnShape>> = {
  'AWS::S3::Bucket': ({ name }) => `arn:aws:s3:::${name}`,
  'AWS::SQS::Queue': ({ region, account, name }) => `arn:aws:sqs:${region}:${account}:${name}`,
  'AWS::SNS::Topic': ({ region, account, name }) => `arn:aws:sns:${region}:${account}:${name}`,
  'AWS::Lambda::Function': ({ region, account, name }) => `arn:aws:lambda:${region}:${account}:function:${name}`,
  'AWS::Logs::LogGroup': ({ region, account, name }) => `arn:aws:logs:${region}:${account}:log-group:${name}:*`,
  'AWS::IAM::Role': ({ account, name }) => `arn:aws:iam::${account}:role/${name}`,
  'AWS::IAM::User': ({ account, name }) => `arn:aws:iam::${account}:user/${name}`,
  'AWS::IAM::Group': ({ account, name }) => `arn:aws:iam::${account}:group/${name}`,
  'AWS::IAM::ManagedPolicy': ({ account, name }) => `arn:aws:iam::${account}:policy/${name}`,
  'AWS::IAM::InstanceProfile': ({ account, name }) => `arn:aws:iam::${account}:instance-profile/${name}`,
  'AWS::DynamoDB::Table': ({ region, account, name }) => `arn:aws:dynamodb:${region}:${account}:table/${name}`,
  'AWS::ECR::Repository': ({ region, account, name }) => `arn:aws:ecr:${region}:${account}:repository/${name}`,
  'AWS::SecretsManager::Secret': ({ region, account, name }) => `arn:aws:secretsmanager:${region}:${account}:secret:${name}`,
};

/** The resource's own ARN in its real shape, when the type is one of the well-known ones. */
export function knownArn(typeName: string, property: string, ctx: ShapeContext): string | undefined {
  const shape = Object.hasOwn(ARN_SHAPES, typeName) ? ARN_SHAPES[typeName] : undefined;
  const own = property === 'Arn' || property === `${typeName.split('::')[2]}Arn`;
  return shape && own ? shape(ctx) : undefined;
}

const EC2_PREFIXES: Readonly<Record<string, string>> = {
  VPC: 'vpc',
  Subnet: 'subnet',
  SecurityGroup: 'sg',
  Instance: 'i',
  InternetGateway: 'igw',
  RouteTable: 'rtb',
  NatGateway: 'nat',
  NetworkInterface: 'eni',
  Volume: 'vol',
  NetworkAcl: 'acl',
  EIP: 'eipalloc',
  LaunchTemplate: 'lt',
  TransitGateway: 'tgw',
  VPCEndpoint: 'vpce',
  KeyPair: 'key',
  DHCPOptions: 'dopt',
  VPNGateway: 'vgw',
  CustomerGateway: 'cgw',
  PrefixList: 'pl',
};

/** An EC2 id prefix (`vpc`, `sg`, …) for the type's own id, AWS style. */
export function ec2Prefix(typeName: string): string | undefined {
  const [, service, resource] = typeName.split('::');
  return service === 'EC2' ? EC2_PREFIXES[resource] : undefined;
}

/**
 * Read-only values AWS derives from what was given rather than generates. AWS::EC2::VPCGatewayAttachment's
 * AttachmentType is `IGW` for an internet gateway and `VPN` for a VPN gateway (its schema: "Used to
 * identify if this resource is an Internet Gateway or Vpn Gateway Attachment"), and it is half of the
 * primary identifier `AttachmentType|VpcId` that stacks look the attachment up by (`IGW|vpc-…`);
 * a route's CidrBlock is its destination.
 */
export function derivedValue(typeName: string, property: string, model: Readonly<Record<string, unknown>>): unknown {
  if (typeName === 'AWS::EC2::VPCGatewayAttachment' && property === 'AttachmentType') return model.InternetGatewayId !== undefined ? 'IGW' : 'VPN';
  // AWS::EC2::Route is identified by `RouteTableId|CidrBlock`, CidrBlock being the destination it was given.
  if (typeName === 'AWS::EC2::Route' && property === 'CidrBlock') return model.DestinationCidrBlock ?? model.DestinationIpv6CidrBlock;
  return undefined;
}

/** URLs, URIs and domain names shaped like the service's endpoints. */
export function endpointValue(property: string, service: string, ctx: ShapeContext): string | undefined {
  if (/(Url|URL)$/.test(property)) return `https://${service}.${ctx.region}.amazonaws.com/${ctx.account}/${ctx.name}`;
  if (/(Uri|URI)$/.test(property)) return `${ctx.account}.dkr.${service}.${ctx.region}.amazonaws.com/${ctx.name}`;
  if (/DomainName$/.test(property)) return `${ctx.name}.${service}.${ctx.region}.amazonaws.com`;
  if (/Endpoint$/.test(property)) return `${ctx.name}.${ctx.region}.${service}.amazonaws.com`;
  return undefined;
}
