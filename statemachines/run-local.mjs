// Runs a state machine definition on aws-local-stepfunctions (a real Amazon States Language interpreter) with
// every Lambda Task calling a local HTTP endpoint that serves the real Java step handler.
//   node run-local.mjs <definition.asl.json> <endpoint url> '<input json>'
// Prints one JSON line: {"status": "SUCCEEDED"|"FAILED", "output": ..., "error": ..., "transitions": n, "retries": n}.
// Waits and retry intervals are shortened to 0 ms; the Java side moves its own clock to each planned instant.
import fs from 'node:fs';
import { StateMachine } from 'aws-local-stepfunctions';

const [definitionPath, endpoint, inputJson] = process.argv.slice(2);
const text = fs.readFileSync(definitionPath, 'utf8')
  .replaceAll('${DunningStepsFunctionArn}', 'arn:aws:lambda:us-east-1:123456789012:function:dunning-steps');
const definition = JSON.parse(text);

// Like lambda:invoke with a plain function ARN: the function's JSON output is the state's result; a function
// error surfaces with its errorType as the error name (matched by States.TaskFailed and States.ALL).
async function invoke(input) {
  const response = await fetch(endpoint, { method: 'POST', body: JSON.stringify(input),
    headers: { 'content-type': 'application/json' } });
  const body = await response.json();
  if (response.status !== 200) {
    const error = new Error(body.errorMessage);
    error.name = body.errorType;
    throw error;
  }
  return body;
}

const tasks = Object.entries(definition.States).filter(([, s]) => s.Type === 'Task').map(([name]) => name);
const handlers = Object.fromEntries(tasks.map((name) => [name, invoke]));
const zeroWaits = Object.fromEntries(Object.entries(definition.States)
  .filter(([, s]) => s.Type === 'Wait').map(([name]) => [name, 0]));
const zeroRetries = Object.fromEntries(tasks.map((name) => [name, 0]));

const machine = new StateMachine(definition);
const execution = machine.run(JSON.parse(inputJson), {
  overrides: { taskResourceLocalHandlers: handlers, waitTimeOverrides: zeroWaits, retryIntervalOverrides: zeroRetries },
});
let transitions = 0;
let retries = 0;
const counting = (async () => {
  for await (const event of execution.eventLogs) {
    if (event.type === 'StateEntered') transitions++;
    if (event.type === 'StateRetried') retries++;
  }
})();
try {
  const output = await execution.result;
  await counting.catch(() => {});
  console.log(JSON.stringify({ status: 'SUCCEEDED', output, transitions, retries }));
} catch (error) {
  await counting.catch(() => {});
  console.log(JSON.stringify({ status: 'FAILED', error: error.name, cause: error.message, transitions, retries }));
}
