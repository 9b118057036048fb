// Discovery documents kube-apiserver serves; the HTTP layer picks one by path and Accept header.
export { apiVersions, apiGroupList, apiGroup, apiResourceList, apiResources, type APIResource } from "./legacy";
export {
  aggregatedDiscovery,
  AGGREGATED_DISCOVERY_V2_CONTENT_TYPE,
  type APIGroupDiscoveryList,
  type APIGroupDiscovery,
  type APIResourceDiscovery,
} from "./aggregated";
export { storageVersionHash, storageGVK } from "./storage-version-hash";
