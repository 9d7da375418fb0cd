import type { LoggerService } from '@backstage/backend-plugin-api';
import type { JsonObject } from '@backstage/types';
import type { TemplateAction } from '@backstage/plugin-scaffolder-node';
import { createMockActionContext } from '@backstage/plugin-scaffolder-node-test-utils';

/** How one run of an action ended. */
export interface ActionRun {
  outputs: Record<string, any>;
  /** The messages the action logged, as the task log shows them. */
  log: string[];
  /** What the action threw, if it failed. */
  error?: Error;
}

export interface MockTask {
  /** Runs the action; a second call is a retry of the same task. */
  run(): Promise<ActionRun>;
}

let tasks = 0;

/** A logger that keeps each message, as the task log does. */
function recordingLogger(log: string[]): LoggerService {
  const record = (message: string) => log.push(message);
  const logger: LoggerService = {
    error: record,
    warn: record,
    info: record,
    debug: () => {},
    child: () => logger,
  };
  return logger;
}

/**
 * A scaffolder task that runs one action with a mock action context. Its checkpoints
 * behave as the scaffolder's do: on a retry, one that succeeded returns its value without
 * running again, and one that failed runs again.
 */
export function mockTask(
  action: TemplateAction<any, any, any>,
  input: JsonObject,
): MockTask {
  const task = { id: `task-${++tasks}` };
  const checkpoints = new Map<string, unknown>();
  return {
    async run() {
      const log: string[] = [];
      const outputs: Record<string, any> = {};
      const ctx = {
        ...createMockActionContext({
          input,
          task,
          logger: recordingLogger(log),
        }),
        output: (name: string, value: unknown) => {
          outputs[name] = value;
        },
        async checkpoint<T>(opts: { key: string; fn: () => Promise<T> | T }) {
          if (checkpoints.has(opts.key)) return checkpoints.get(opts.key) as T;
          const value = await opts.fn();
          checkpoints.set(opts.key, value);
          return value;
        },
      };
      try {
        await action.handler(ctx as any);
        return { outputs, log };
      } catch (error) {
        return { outputs, log, error: error as Error };
      }
    },
  };
}
