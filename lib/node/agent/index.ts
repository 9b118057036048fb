export { startAgent, type Agent, type AgentOptions } from "./server";
export { writeAgentClients, agentClientSource, AGENT_COMMAND_NAMES } from "./clients";
export { AGENT_SOCKET_IN_NODE, SHARED_AGENT_SOCKET_IN_NODE } from "./protocol";
