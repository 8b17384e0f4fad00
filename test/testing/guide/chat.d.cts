import type { SocketTask } from 'minisocket';
export declare function joinChat(report: (status: string) => void): SocketTask;
