// The parsers of client-node's generated code and the naming rules that turn it back into
// upstream's swagger.json names. Fixtures are hand-written in the generator's shapes; expected
// names are upstream's (api/openapi-spec/swagger.json operationIds, tags and definition names).
import { describe, expect, it } from "vitest";
import { parseApiClass, parseAttributeTypeMap, parseModelDeclaration, unescapeDoc } from "../../../scripts/openapi/client-node.mjs";
import { definitionNames, packageOfGroup, splitModelName } from "../../../scripts/openapi/names.mjs";
import { actionOf, operationIdOf, parseResourcePath, tagOf } from "../../../scripts/openapi/paths.mjs";
import { patchExtensions } from "../../../scripts/openapi/patch-tags.mjs";

describe("client-node parsers", () => {
  it.each([
    ["quotes", "the container image\\'s CMD, \\\"$$(VAR_NAME)\\\"", `the container image's CMD, "$$(VAR_NAME)"`],
    ["comment markers", "\\'pods/_*\\' and \\'*_/scale\\'", "'pods/*' and '*/scale'"],
    ["HTML entities", "If \\&#39;true\\&#39;, \\&quot;force\\&quot;", `If 'true', "force"`],
    ["backslashes", "regex ^\\\\\\\\d{3}", "regex ^\\\\d{3}"],
  ])("unescapes %s", (_, text, want) => expect(unescapeDoc(text)).toBe(want));

  it("reads class and property descriptions and required properties from a .d.ts", () => {
    const dts = [
      "/**", " * Kubernetes", " */", "import { V1X } from '../models/V1X.js';",
      "/**", "* Thing describes a thing.", "*/", "export declare class V1Thing {",
      "    /**", "    * Name of the thing.", "    */", "    'name': string;",
      "    'spec'?: V1X;",
      "    /**", "    * Labels of the thing.", "    */", "    'labels'?: {", "        [key: string]: string;", "    };",
      "    static readonly discriminator: string | undefined;", "}",
    ].join("\n");
    const decl = parseModelDeclaration(dts);
    expect(decl.description).toBe("Thing describes a thing.");
    expect([...decl.props]).toEqual([
      ["name", { description: "Name of the thing.", required: true }],
      ["spec", { description: undefined, required: false }],
      ["labels", { description: "Labels of the thing.", required: false }],
    ]);
  });

  it("reads attributeTypeMap without running the module", () => {
    const js = 'V1Thing.attributeTypeMap = [\n    {\n        "name": "_default",\n        "baseName": "default",\n        "type": "Date",\n        "format": "date-time"\n    }\n];\n';
    expect(parseAttributeTypeMap(js)).toEqual([{ name: "_default", baseName: "default", type: "Date", format: "date-time" }]);
  });

  it("reads an operation: path, method, parameters, body, responses", () => {
    const js = `export class AppsV1ApiRequestFactory extends BaseAPIRequestFactory {
    /**
     * partially update the specified Deployment
     * @param name name of the Deployment
     * @param body
     * @param force Force is going to \\&quot;force\\&quot; Apply requests.
     */
    async patchNamespacedDeployment(name, body, force, _options) {
        // verify required parameter 'name' is not null or undefined
        // verify required parameter 'body' is not null or undefined
        const localVarPath = '/apis/apps/v1/deployments/{name}'
            .replace('{' + 'name' + '}', encodeURIComponent(String(name)));
        const requestContext = _config.baseServer.makeRequestContext(localVarPath, HttpMethod.PATCH);
        if (force !== undefined) {
            requestContext.setQueryParam("force", ObjectSerializer.serialize(force, "boolean", ""));
        }
        const contentType = ObjectSerializer.getPreferredMediaType([
            "application/json-patch+json",
            "application/apply-patch+yaml"
        ]);
        return requestContext;
    }
}
export class AppsV1ApiResponseProcessor {
    async patchNamespacedDeploymentWithHttpInfo(response) {
        if (isCodeInRange("200", response.httpStatusCode)) {
            const body = ObjectSerializer.deserialize(ObjectSerializer.parse(await response.body.text(), contentType), "V1Deployment", "");
        }
        if (isCodeInRange("401", response.httpStatusCode)) {
            throw new ApiException(response.httpStatusCode, "Unauthorized", undefined, response.headers);
        }
    }
}
`;
    const dts = "    patchNamespacedDeployment(name: string, body: any, force?: boolean, _options?: Configuration): Promise<RequestContext>;";
    expect(parseApiClass("AppsV1Api", js, dts)).toEqual([{
      className: "AppsV1", method: "patchNamespacedDeployment", path: "/apis/apps/v1/deployments/{name}", httpMethod: "patch",
      description: "partially update the specified Deployment",
      params: [
        { name: "name", in: "path", type: "string", required: true, description: "name of the Deployment" },
        { name: "force", in: "query", type: "boolean", required: false, description: 'Force is going to "force" Apply requests.' },
      ],
      responses: { 200: "V1Deployment", 401: undefined },
      body: { type: "any", required: true, consumes: ["application/json-patch+json", "application/apply-patch+yaml"], description: undefined },
    }]);
  });
});

describe("upstream names", () => {
  it.each([
    ["AppsV1", "patchNamespacedDeployment", "patchAppsV1NamespacedDeployment", "apps_v1"],
    ["AppsV1", "deleteCollectionNamespacedDeployment", "deleteAppsV1CollectionNamespacedDeployment", "apps_v1"],
    ["CoreV1", "connectGetNamespacedPodExec", "connectCoreV1GetNamespacedPodExec", "core_v1"],
    ["RbacAuthorizationV1", "listClusterRole", "listRbacAuthorizationV1ClusterRole", "rbacAuthorization_v1"],
    ["FlowcontrolApiserverV1", "readFlowSchemaStatus", "readFlowcontrolApiserverV1FlowSchemaStatus", "flowcontrolApiserver_v1"],
    ["Apps", "getAPIGroup", "getAppsAPIGroup", "apps"],
    ["Version", "getCode", "getCodeVersion", "version"],
    ["WellKnown", "getServiceAccountIssuerOpenIDConfiguration", "getServiceAccountIssuerOpenIDConfiguration", "WellKnown"],
  ])("%s.%s is %s, tagged %s", (cls, method, id, tag) => {
    expect(operationIdOf(cls, method)).toBe(id);
    expect(tagOf(cls)).toBe(tag);
  });

  it.each([
    ["readNamespacedDeployment", "get"], ["listDeploymentForAllNamespaces", "list"], ["createNamespacedPodEviction", "post"],
    ["replaceNamespacedDeploymentScale", "put"], ["deleteCollectionNamespacedPod", "deletecollection"], ["deleteNamespace", "delete"],
    ["connectPostNamespacedPodExec", "connect"], ["watchNamespacedPodList", "watchlist"], ["watchNamespacedPod", "watch"],
    ["getAPIResources", undefined],
  ])("%s has x-kubernetes-action %s", (method, action) => expect(actionOf(method)).toBe(action));

  it.each([
    ["/api/v1/namespaces/{namespace}/pods/{name}/status", { group: "", version: "v1", watch: false, namespaced: true, resource: "pods", name: "{name}", subresource: "status" }],
    ["/api/v1/namespaces/{name}/finalize", { group: "", version: "v1", watch: false, namespaced: false, resource: "namespaces", name: "{name}", subresource: "finalize" }],
    ["/apis/apps/v1/watch/deployments", { group: "apps", version: "v1", watch: true, namespaced: false, resource: "deployments", name: undefined, subresource: undefined }],
    ["/apis/apps/v1/", undefined],
  ])("%s", (path, want) => expect(parseResourcePath(path)).toEqual(want));

  it.each([
    ["", "io.k8s.api.core"], ["apps", "io.k8s.api.apps"], ["rbac.authorization.k8s.io", "io.k8s.api.rbac"],
    ["apiextensions.k8s.io", "io.k8s.apiextensions-apiserver.pkg.apis.apiextensions"],
    ["apiregistration.k8s.io", "io.k8s.kube-aggregator.pkg.apis.apiregistration"],
  ])("group %j lives in %s", (group, pkg) => expect(packageOfGroup(group)).toBe(pkg));

  it("splits model names", () => {
    expect(splitModelName("CoreV1Event")).toEqual({ prefix: "Core", version: "v1", kind: "Event" });
    expect(splitModelName("V2HorizontalPodAutoscaler")).toEqual({ prefix: undefined, version: "v2", kind: "HorizontalPodAutoscaler" });
    expect(splitModelName("V1beta1FlowSchema")).toEqual({ prefix: undefined, version: "v1beta1", kind: "FlowSchema" });
  });

  it("places nested types by who uses them", () => {
    const model = (...types: string[]) => ({ properties: types.map((type, i) => ({ name: `f${i}`, baseName: `f${i}`, type, format: "" })) });
    const models = new Map([
      ["V1Deployment", model("V1ObjectMeta", "V1DeploymentSpec")],
      ["V1DeploymentSpec", model("V1PodTemplateSpec", "V1DeploymentStrategy")],
      ["V1DeploymentStrategy", model("string")],
      ["V1Job", model("Array<V1PodTemplateSpec>")],
      ["V1PodTemplateSpec", model("V1ObjectMeta")],
      ["V1ObjectMeta", model("string")],
      ["V1StorageClass", model("Array<V1TopologySelectorTerm>")],
      ["V1TopologySelectorTerm", model("string")],
      ["CoreV1Event", model("V1ObjectMeta")],
      ["V1Unused", model("string")],
    ]);
    const roots = new Map([["V1Deployment", "io.k8s.api.apps"], ["V1Job", "io.k8s.api.batch"], ["V1StorageClass", "io.k8s.api.storage"]]);
    expect(Object.fromEntries(definitionNames(models, roots, ["CoreV1Event"]))).toEqual({
      V1Deployment: "io.k8s.api.apps.v1.Deployment",
      V1DeploymentSpec: "io.k8s.api.apps.v1.DeploymentSpec",
      V1DeploymentStrategy: "io.k8s.api.apps.v1.DeploymentStrategy",
      V1Job: "io.k8s.api.batch.v1.Job",
      V1PodTemplateSpec: "io.k8s.api.core.v1.PodTemplateSpec",
      V1ObjectMeta: "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta",
      V1StorageClass: "io.k8s.api.storage.v1.StorageClass",
      V1TopologySelectorTerm: "io.k8s.api.core.v1.TopologySelectorTerm",
      CoreV1Event: "io.k8s.api.core.v1.Event",
    });
  });

  it("patch tags follow the struct tags of k8s.io/api", () => {
    expect(patchExtensions("io.k8s.api.core.v1.Container", "ports")).toEqual({
      "x-kubernetes-patch-strategy": "merge", "x-kubernetes-patch-merge-key": "containerPort",
      "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["containerPort", "protocol"],
    });
    expect(patchExtensions("io.k8s.api.core.v1.PodSpec", "volumes")).toEqual({
      "x-kubernetes-patch-strategy": "merge,retainKeys", "x-kubernetes-patch-merge-key": "name",
      "x-kubernetes-list-type": "map", "x-kubernetes-list-map-keys": ["name"],
    });
    expect(patchExtensions("io.k8s.api.apps.v1.DeploymentSpec", "strategy")).toEqual({ "x-kubernetes-patch-strategy": "retainKeys" });
    expect(patchExtensions("io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector", ".")).toEqual({ "x-kubernetes-map-type": "atomic" });
    expect(patchExtensions("io.k8s.api.apps.v1.DeploymentSpec", "replicas")).toEqual({});
  });
});
