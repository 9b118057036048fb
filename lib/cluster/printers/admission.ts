// admissionregistration.k8s.io kinds: follows printMutatingWebhook, printValidatingWebhook,
// printValidatingAdmissionPolicy(Binding) and printMutatingAdmissionPolicy(Binding) in
// kubernetes/pkg/printers/internalversion/printers.go (v1.32).
import type { KObject } from "../api/types";
import { ageColumn, col, nameColumn } from "./docs";
import { translateTimestampSince } from "./duration";
import { arr, get, isMap, name, str } from "./fields";
import { labelSelectorGoString } from "./labels";
import type { KindPrinter } from "./types";

const age = (obj: KObject, now: Date) => translateTimestampSince(obj.metadata?.creationTimestamp, now);

const webhookConfigurationPrinter = (): KindPrinter => ({
  columns: [
    nameColumn(),
    col("Webhooks", "integer", "Webhooks indicates the number of webhooks registered in this configuration"),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), arr(obj, "webhooks").length, age(obj, now)],
});

export const mutatingWebhookConfigurationPrinter = webhookConfigurationPrinter();
export const validatingWebhookConfigurationPrinter = webhookConfigurationPrinter();

function paramKind(obj: KObject): string {
  const pk = get(obj, "spec", "paramKind");
  return isMap(pk) ? `${str(pk, "apiVersion")}/${str(pk, "kind")}` : "<unset>";
}

export const validatingAdmissionPolicyPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Validations", "integer", "Validations indicates the number of validation rules defined in this configuration"),
    col("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy"),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), arr(obj, "spec", "validations").length, paramKind(obj), age(obj, now)],
};

export const mutatingAdmissionPolicyPrinter: KindPrinter = {
  columns: [
    nameColumn(),
    col("Mutations", "integer", "Mutation indicates the number of mutations rules defined in this configuration"),
    col("ParamKind", "string", "ParamKind specifies the kind of resources used to parameterize this policy"),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), arr(obj, "spec", "mutations").length, paramKind(obj), age(obj, now)],
};

function paramRefName(obj: KObject): string {
  const pr = get(obj, "spec", "paramRef");
  if (!isMap(pr)) return "<unset>";
  const n = str(pr, "name");
  if (n.length > 0) {
    // Can't tell from here if the param is cluster-scoped, so unnamed namespaces print "*".
    return str(pr, "namespace") !== "" ? `${str(pr, "namespace")}/${n}` : `*/${n}`;
  }
  if (isMap(pr.selector)) return labelSelectorGoString(pr.selector);
  return "<unset>";
}

const policyBindingPrinter = (): KindPrinter => ({
  columns: [
    nameColumn(),
    col("PolicyName", "string", "PolicyName indicates the policy definition which the policy binding binded to"),
    col("ParamRef", "string", "ParamRef indicates the param resource which sets the configration param"),
    ageColumn(),
  ],
  print: (obj, now) => [name(obj), str(obj, "spec", "policyName"), paramRefName(obj), age(obj, now)],
});

export const validatingAdmissionPolicyBindingPrinter = policyBindingPrinter();
export const mutatingAdmissionPolicyBindingPrinter = policyBindingPrinter();
