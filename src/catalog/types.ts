/**
 * The shape of the ccsql catalog: one entry per Cloud Control resource type, generated from the
 * CloudFormation registry schemas by `npm run gen:catalog` and committed under `catalog/`.
 */

export const JSON_TYPES = ['string', 'integer', 'number', 'boolean', 'object', 'array'] as const;
export type JsonType = (typeof JSON_TYPES)[number];

export const HANDLER_NAMES = ['create', 'read', 'update', 'delete', 'list'] as const;
export type HandlerName = (typeof HANDLER_NAMES)[number];

/** A JSON Schema fragment as the registry schemas write it (kept for validation and synthesis). */
export interface JsonSchema {
  type?: string | string[];
  $ref?: string;
  properties?: Record<string, JsonSchema>;
  patternProperties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  required?: string[];
  enum?: unknown[];
  const?: unknown;
  pattern?: string;
  format?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  oneOf?: JsonSchema[];
  anyOf?: JsonSchema[];
  allOf?: JsonSchema[];
  description?: string;
  [key: string]: unknown;
}

/**
 * Where a column comes from. Absent: the bundled registry schema. `service-spec`: the AWS CDK's
 * service specification (`@aws-cdk/aws-service-spec`), which knows properties the schema snapshot
 * lacks. `account`: the registry of the user's own account (`ccsql catalog update`).
 */
export const COLUMN_SOURCES = ['registry', 'service-spec', 'account'] as const;
export type ColumnSource = (typeof COLUMN_SOURCES)[number];

/** A property that holds another type's value (its Arn, its Id): how two tables join. */
export interface Reference {
  /** `AWS::IAM::Role` */
  readonly typeName: string;
  /** The referenced type's property: `Arn`. */
  readonly property: string;
}

/** One SQL column: a top-level property of the resource type. */
export interface Column {
  /** snake_case SQL name as StackQL spells it: `image_role_arn`, `ml_framework`. */
  readonly name: string;
  /** CloudFormation property name: `ImageRoleArn`, `MLFramework`. */
  readonly property: string;
  readonly type: JsonType;
  readonly description?: string;
  /** Absent: the registry schema the type was generated from. */
  readonly source?: ColumnSource;
  readonly refersTo?: readonly Reference[];
}

export interface Handler {
  readonly permissions: readonly string[];
  readonly timeoutInMinutes?: number;
}

export interface Tagging {
  readonly taggable: boolean;
  readonly tagOnCreate?: boolean;
  readonly tagUpdatable?: boolean;
  readonly cloudFormationSystemTags?: boolean;
  /** The tag property as a path without `/properties/`: `Tags`, `TagSpecifications/&#42;/Tags` (nested). */
  readonly tagProperty?: string;
}

export interface ResourceType {
  /** `AWS::SageMaker::Image` */
  readonly typeName: string;
  /** `awscc.sagemaker.images` */
  readonly sqlName: string;
  /** `sagemaker` */
  readonly service: string;
  /** `images` */
  readonly resource: string;
  readonly description: string;
  readonly columns: readonly Column[];
  /**
   * Property names; a compound identifier is joined with `|` by Cloud Control. Three types name a
   * nested property (`Schedule/ScheduleId`: the JSON pointer without `/properties/`).
   */
  readonly primaryIdentifier: readonly string[];
  readonly additionalIdentifiers: readonly (readonly string[])[];
  /** Top-level required property names. */
  readonly required: readonly string[];
  /** From top-level oneOf/anyOf: each inner list is one alternative set of required properties. */
  readonly requiredAlternatives: readonly (readonly string[])[];
  /** Top-level property names (a nested pointer counts for its top-level property only in `paths`). */
  readonly readOnly: readonly string[];
  readonly createOnly: readonly string[];
  readonly writeOnly: readonly string[];
  /** The schema's own JSON pointers (`/properties/A/B`), nested ones included. */
  readonly paths: {
    readonly readOnly: readonly string[];
    readonly createOnly: readonly string[];
    readonly writeOnly: readonly string[];
  };
  readonly handlers: Readonly<Partial<Record<HandlerName, Handler>>>;
  /** Keys a ListResources call takes in ResourceModel (`handlers.list.handlerSchema`), property names. */
  readonly listKeys: {
    readonly required: readonly string[];
    readonly optional: readonly string[];
    /** From the handlerSchema's oneOf/anyOf: one of these sets must be given (e.g. ELBv2 listeners). */
    readonly alternatives?: readonly (readonly string[])[];
  };
  readonly tagging?: Tagging;
  /** Property schemas and definitions, nested descriptions stripped; `$ref`s point into `definitions`. */
  readonly schema: {
    readonly properties: Readonly<Record<string, JsonSchema>>;
    readonly definitions?: Readonly<Record<string, JsonSchema>>;
    readonly additionalProperties?: boolean;
  };
  /** Set for a type read from the user's account (`ccsql catalog update`). */
  readonly origin?: TypeOrigin;
  /** Set when the account cannot use the type: its table answers this error instead of rows. */
  readonly unavailable?: Unavailable;
  /** Spellings from older StackQL pages, accepted as aliases. */
  readonly aliases: {
    /** The get-only singular table of older pages: `awscc.sagemaker.image_version`. */
    readonly singular?: string;
    /** Old column spelling → column name, where it differs: `m_lframework` → `ml_framework`. */
    readonly columns: Readonly<Record<string, string>>;
  };
}

/** Where a type of the user catalog came from: the account's registry, as DescribeType said. */
export interface TypeOrigin {
  readonly source: 'account';
  readonly region: string;
  readonly visibility: 'PUBLIC' | 'PRIVATE';
  readonly provisioningType?: string;
  readonly lastUpdated?: string;
  readonly typeVersionArn?: string;
}

/** Why a type of the account's registry has a table that cannot be used. */
export interface Unavailable {
  readonly code: 'TYPE_NOT_ACTIVATED' | 'TYPE_NOT_PROVISIONABLE';
  readonly reason: string;
}
