export { handleOpenAPI, openAPIV3Root, acceptsJSON, rfc1123, OPENAPI_V2_PROTOBUF, OPENAPI_V3_PROTOBUF, type OpenAPIRequest, type OpenAPIResponse } from "./handler";
export { loadOpenAPIDocuments, staticOpenAPIDocuments, mergeOpenAPIDocuments, type OpenAPIDocument, type OpenAPIDocuments } from "./documents";
export { serveOpenAPI, defaultOpenAPIDir } from "./serve";
