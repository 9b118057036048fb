import type { ReactNode } from "react";
import "./globals.css";

export const metadata = {
  title: "Drydock — CKA labs with real tools",
  description: "Practise Kubernetes administration on a three-node kubeadm v1.32 cluster that starts in a second.",
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    <html lang="en">
      <body>{children}</body>
    </html>
  );
}
