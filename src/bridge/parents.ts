/**
 * Parents of child resources: the type, in the same service, whose resources supply a list key.
 * `AWS::SageMaker::ImageVersion` is listed per `ImageName`, which `AWS::SageMaker::Image` lists.
 */

import { defaultCatalog } from '../catalog/index.js';
import type { ResourceType } from '../catalog/types.js';

export function findParent(type: ResourceType, property: string): ResourceType | undefined {
  const catalog = defaultCatalog();
  let best: ResourceType | undefined;
  for (const { typeName } of catalog.resourcesOf(type.service)) {
    if (typeName === type.typeName) continue;
    const candidate = catalog.byTypeName(typeName);
    if (!candidate?.handlers.list || candidate.listKeys.required.length > 0) continue;
    if (candidate.primaryIdentifier.includes(property)) return candidate;
    if (!best && candidate.columns.some((c) => c.property === property) && isNamedBy(type, candidate)) best = candidate;
  }
  return best;
}

/** `ImageVersion` is named after `Image`: a parent's name starts the child's. */
function isNamedBy(child: ResourceType, parent: ResourceType): boolean {
  const last = (t: ResourceType) => t.typeName.split('::').at(-1)!;
  return last(child).startsWith(last(parent));
}
