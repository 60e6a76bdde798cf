import {
  Body,
  Button,
  Container,
  Head,
  Heading,
  Hr,
  Html,
  Link,
  Preview,
  Text,
} from "@react-email/components";
import type { ReactNode } from "react";
import type { Translator } from "@/lib/i18n/translator";

export interface MailLink {
  label: string;
  url: string;
}

export interface MailLayoutProps {
  /** The reader's language, for `<html lang>`. */
  lang: string;
  t: Translator;
  portalName: string;
  /** The line a mail client shows beside the subject. */
  preview: string;
  heading: string;
  /** The one thing the reader may do, as a button (and its address, for clients that hide buttons). */
  action?: MailLink;
  /** The VM the message is about, linked from the footer. */
  vm?: MailLink;
  /** Why the reader gets this message, with the portal's name. */
  reason: string;
  children: ReactNode;
}

const text = { fontSize: "15px", lineHeight: "22px", color: "#111111" };
const small = { fontSize: "12px", lineHeight: "18px", color: "#666666" };
// A renew link is a long unbroken token; unbroken, it would stretch the message past its column.
const address = { ...small, wordBreak: "break-all" as const };

/** The frame every message shares: the portal's name, a heading, the body, an action, a footer. */
export function MailLayout({
  lang,
  t,
  portalName,
  preview,
  heading,
  action,
  vm,
  reason,
  children,
}: MailLayoutProps) {
  const linked = ({ label, url }: MailLink) =>
    t.rich("mail.layout.link", { label, url, link: (chunks) => <Link href={url}>{chunks}</Link> });
  return (
    <Html lang={lang}>
      <Head />
      <Preview>{preview}</Preview>
      <Body style={{ backgroundColor: "#ffffff", fontFamily: "system-ui, -apple-system, sans-serif" }}>
        <Container style={{ maxWidth: "560px", margin: "0 auto", padding: "24px" }}>
          <Text style={{ ...small, fontWeight: 600, margin: 0 }}>{portalName}</Text>
          <Heading as="h1" style={{ fontSize: "20px", lineHeight: "28px", color: "#111111" }}>
            {heading}
          </Heading>
          {children}
          {action && (
            <>
              <Button
                href={action.url}
                data-skip-in-text="true"
                style={{
                  backgroundColor: "#1d4ed8",
                  color: "#ffffff",
                  padding: "10px 18px",
                  borderRadius: "6px",
                  fontSize: "15px",
                  textDecoration: "none",
                  margin: "8px 0 16px",
                }}
              >
                {action.label}
              </Button>
              <Text style={address}>{linked(action)}</Text>
            </>
          )}
          <Hr style={{ borderColor: "#e5e7eb", margin: "32px 0 16px" }} />
          {vm && <Text style={address}>{linked(vm)}</Text>}
          <Text style={small}>{reason}</Text>
        </Container>
      </Body>
    </Html>
  );
}

export function Paragraph({ children }: { children: ReactNode }) {
  return <Text style={text}>{children}</Text>;
}
